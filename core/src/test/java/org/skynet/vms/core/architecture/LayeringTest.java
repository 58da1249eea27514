package org.skynet.vms.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of DESIGN.md, checked on the compiled classes of every module on the test
 * classpath. Think hard before editing a rule here: each one keeps a layer replaceable or testable
 * on its own (camera-adapters ← recorder ← core).
 */
class LayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.skynet.vms");
    }

    @Test
    void cameraAdaptersKnowNothingOfRecorderOrCore() {
        noClasses().that().resideInAPackage("org.skynet.vms.adapters..")
                .should().dependOnClassesThat().resideInAnyPackage("org.skynet.vms.recorder..", "org.skynet.vms.core..")
                .check(classes);
    }

    @Test
    void recorderKnowsNothingOfCore() {
        noClasses().that().resideInAPackage("org.skynet.vms.recorder..")
                .should().dependOnClassesThat().resideInAPackage("org.skynet.vms.core..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void errorsDependOnNothingOfOurs() {
        noClasses().that().resideInAPackage("org.skynet.vms.errors..")
                .should().dependOnClassesThat().resideInAnyPackage("org.skynet.vms.adapters..",
                        "org.skynet.vms.recorder..", "org.skynet.vms.core..")
                .check(classes);
    }

    @Test
    void coverageMathsIsFreeOfNettyAndTheDatabase() {
        noClasses().that().resideInAPackage("org.skynet.vms.core.coverage..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "java.sql..", "org.skynet.vms.core.db..",
                        "org.skynet.vms.core.server..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void protocolParsersAreFreeOfNetty() {
        noClasses().that().resideInAnyPackage("org.skynet.vms.adapters.rtp..", "org.skynet.vms.adapters.rtsp.sdp..",
                        "org.skynet.vms.adapters.media..", "org.skynet.vms.recorder.fmp4..")
                .should().dependOnClassesThat().resideInAPackage("io.netty..")
                .allowEmptyShould(true)
                .check(classes);
    }
}
