package dev.panels.local;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The docs that guide a newcomer through the code name only classes that exist: every backticked UpperCamelCase word
 * in them (`StytchEndpoint`, `WorklistResource.page`) is a .java file somewhere in the repository.
 */
class DocumentedClassesExistTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern CODE_SPAN = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern CLASS_NAME = Pattern.compile("\\b([A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+)\\b");

    @ParameterizedTest
    @ValueSource(strings = {"docs/ARCHITECTURE.md", "CONTRIBUTING.md"})
    void everyClassTheDocNamesExists(String doc) throws IOException {
        Set<String> classes = javaClassNames();
        Set<String> named = new TreeSet<>();
        Matcher span = CODE_SPAN.matcher(Files.readString(REPO.resolve(doc)));
        while (span.find()) {
            Matcher name = CLASS_NAME.matcher(span.group(1));
            while (name.find()) {
                named.add(name.group(1));
            }
        }
        assertThat(named).as("class names in %s", doc).isNotEmpty();
        assertThat(named).as("class names in %s that no .java file in the repository defines", doc)
                .allSatisfy(name -> assertThat(classes).contains(name));
    }

    /** Names of the .java files in the repository, not descending into build outputs (runtimes are large). */
    private static Set<String> javaClassNames() throws IOException {
        Set<String> names = new HashSet<>();
        Files.walkFileTree(REPO, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                return Set.of("target", "node_modules", ".git").contains(name) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                String name = file.getFileName().toString();
                if (name.endsWith(".java")) {
                    names.add(name.substring(0, name.length() - ".java".length()));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return names;
    }
}
