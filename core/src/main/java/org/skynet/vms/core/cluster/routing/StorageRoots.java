package org.skynet.vms.core.cluster.routing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;
import org.skynet.vms.recorder.catalogue.SegmentRow;

/**
 * The storage roots a recorder node serves files from (its segment root and its clip root), and the
 * check that a requested {@code (root, path)} names a regular file inside one of them. A root is named
 * as catalogue rows spell it ({@link SegmentRow#normalize}). A path must be relative, with {@code /}
 * separators, and without empty, {@code .} or {@code ..} segments; after symbolic links are followed it
 * must still be inside the root's real directory. Thread-safe (immutable).
 */
public final class StorageRoots {
    private final Map<String, Path> roots = new LinkedHashMap<>();

    /** @param roots the directories served (a root that does not exist yet serves nothing: 404) */
    public StorageRoots(List<Path> roots) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("a node serves at least one storage root");
        }
        for (Path root : roots) {
            this.roots.put(SegmentRow.normalize(root).toString(), SegmentRow.normalize(root));
        }
    }

    /** The roots, as rows spell them. */
    public List<String> names() {
        return List.copyOf(roots.keySet());
    }

    /**
     * The real path of the regular file {@code path} under {@code root}.
     *
     * @throws VmsException {@code INVALID_ARGUMENT} (field {@code root} or {@code path}) for an unknown root or
     *                      a path that is malformed or leaves the root; {@code NOT_FOUND} when no such file
     */
    public Path resolve(String root, String path) {
        Path base = root == null ? null : roots.get(root);
        if (base == null) {
            throw VmsException.invalid("root", "'" + root + "' is not a storage root of this node");
        }
        checkRelative(path);
        Path file = base.resolve(path).normalize();
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(base.toRealPath())) {
                throw VmsException.invalid("path", "'" + path + "' leaves storage root " + root + " through a link");
            }
            if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                throw VmsException.invalid("path", "'" + path + "' is not a regular file");
            }
            return real;
        } catch (NoSuchFileException e) {
            throw VmsException.notFound("no file '" + path + "' under storage root " + root);
        } catch (IOException e) {
            throw new VmsException(ErrorKind.INTERNAL, "cannot resolve '" + path + "' under " + root + ": "
                    + e.getMessage(), e);
        }
    }

    private static void checkRelative(String path) {
        if (path == null || path.isEmpty()) {
            throw VmsException.invalid("path", "path is required");
        }
        if (path.startsWith("/") || path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0 || path.indexOf(':') >= 0) {
            throw VmsException.invalid("path", "path must be relative with '/' separators, got '" + printable(path) + "'");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw VmsException.invalid("path", "path must not have empty, '.' or '..' segments, got '"
                        + printable(path) + "'");
            }
        }
    }

    private static String printable(String s) {
        return s.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
