package org.skynet.vms.core.registry;

/** Why one field of a camera is not acceptable. The message never contains a password or a URL's credentials. */
public record FieldProblem(CameraField field, String message) {
}
