package dev.panels.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Directory trees the stack lays out from the shared runtime into its own state. */
final class Trees {

    private Trees() {
    }

    /** Replaces {@code target} with a copy of {@code source}, keeping files executable (launcher scripts). */
    static void copy(Path source, Path target) throws IOException {
        FreshStart.delete(target);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
