package io.vodkit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keeps the documentation's Java honest: every {@code ```java} block in README.md and
 * src-docs/*.md must be marked {@code <!-- snippet:NAME -->} and equal the snippet NAME of a test
 * in this module, which is compiled and run by the build. Run with {@code -Dsnippets.write=true}
 * to copy the sources' current text into the documents instead.
 */
class DocsSnippetsTest {
  private final Path root = Snippets.repositoryRoot();
  private final Map<String, String> sources =
      Snippets.sources(root.resolve("docs-snippets/src/test/java"));

  @Test
  void everyJavaBlockInTheDocsIsACompiledAndRunSnippet() throws Exception {
    if (Boolean.getBoolean("snippets.write")) {
      for (Path doc : Snippets.documents(root)) {
        Files.writeString(doc, Snippets.withSnippets(doc, sources));
      }
    }
    List<String> problems = new ArrayList<>();
    for (Path doc : Snippets.documents(root)) {
      for (Snippets.Block block : Snippets.javaBlocks(doc)) {
        String where = root.relativize(block.document()) + ":" + block.line();
        if (block.name() == null) {
          problems.add(where + ": a ```java block without a <!-- snippet:NAME --> line above it");
        } else if (!sources.containsKey(block.name())) {
          problems.add(where + ": no test defines snippet " + block.name());
        } else if (!sources.get(block.name()).equals(block.code())) {
          problems.add(
              where + ": snippet " + block.name() + " differs from its test; it should read:\n"
                  + sources.get(block.name()));
        }
      }
    }
    assertThat(problems)
        .as("fix the document, or run this test with -Dsnippets.write=true to copy the tests' text")
        .isEmpty();
  }

  @Test
  void snippetsAreFoundAndDedented() {
    assertThat(sources).containsKeys("readme-embedded", "abr-player-loop");
    assertThat(sources.get("readme-embedded")).startsWith("try (VideoPipeline vodkit");
    assertThat(Snippets.dedent(List.of("    a", "      b", "", "    c"))).isEqualTo("a\n  b\n\nc");
  }
}
