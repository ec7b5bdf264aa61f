package io.vodkit.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The documentation's Java snippets and their sources. In a test source of this module a snippet
 * is the lines between {@code // snippet:NAME} and {@code // end:NAME} (de-indented); in a
 * Markdown document it is the {@code ```java} block right after a {@code <!-- snippet:NAME -->}
 * line. {@link DocsSnippetsTest} checks that every Java block of the documents is such a copy and
 * still equals its source.
 */
final class Snippets {
  private static final Pattern START = Pattern.compile("^\\s*// snippet:([\\w.-]+)\\s*$");
  private static final Pattern MARK = Pattern.compile("^<!-- snippet:([\\w.-]+) -->\\s*$");
  private static final String FENCE = "```";

  /** A Java block of a document. */
  record Block(Path document, int line, String name, String code) {}

  private Snippets() {}

  /** The repository root (the parent of this module, where Maven runs its tests). */
  static Path repositoryRoot() {
    Path here = Path.of("").toAbsolutePath();
    return Files.exists(here.resolve("README.md")) ? here : here.getParent();
  }

  /** The documents whose Java blocks must be snippets: README.md and src-docs/*.md. */
  static List<Path> documents(Path root) {
    List<Path> docs = new ArrayList<>();
    docs.add(root.resolve("README.md"));
    try (Stream<Path> files = Files.list(root.resolve("src-docs"))) {
      files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return docs;
  }

  /** Every snippet in the Java files under {@code sources}, by name. */
  static Map<String, String> sources(Path sources) {
    Map<String, String> snippets = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = START.matcher(lines.get(i));
          if (!m.matches()) {
            continue;
          }
          String name = m.group(1);
          int end = i + 1;
          while (end < lines.size() && !lines.get(end).trim().equals("// end:" + name)) {
            end++;
          }
          if (end == lines.size()) {
            throw new IllegalStateException(file + ":" + (i + 1) + ": snippet " + name + " has no // end:" + name);
          }
          if (snippets.put(name, dedent(lines.subList(i + 1, end))) != null) {
            throw new IllegalStateException("snippet " + name + " is defined twice");
          }
          i = end;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return snippets;
  }

  /** The Java blocks of a document; {@code name} is null for a block without a snippet mark. */
  static List<Block> javaBlocks(Path document) {
    List<String> lines = read(document);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).trim().equals(FENCE + "java")) {
        continue;
      }
      Matcher mark = i > 0 ? MARK.matcher(lines.get(i - 1)) : null;
      String name = mark != null && mark.matches() ? mark.group(1) : null;
      int end = i + 1;
      while (end < lines.size() && !lines.get(end).trim().equals(FENCE)) {
        end++;
      }
      blocks.add(new Block(document, i + 1, name, String.join("\n", lines.subList(i + 1, end))));
      i = end;
    }
    return blocks;
  }

  /** The document with every marked block replaced by its source's current text. */
  static String withSnippets(Path document, Map<String, String> sources) {
    List<String> lines = read(document);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      out.add(lines.get(i));
      Matcher mark = MARK.matcher(lines.get(i));
      if (mark.matches() && i + 1 < lines.size() && lines.get(i + 1).trim().equals(FENCE + "java")
          && sources.containsKey(mark.group(1))) {
        out.add(lines.get(i + 1));
        out.add(sources.get(mark.group(1)));
        int end = i + 2;
        while (end < lines.size() && !lines.get(end).trim().equals(FENCE)) {
          end++;
        }
        i = end - 1;
      }
    }
    return String.join("\n", out) + "\n";
  }

  private static List<String> read(Path document) {
    try {
      return Files.readAllLines(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lines without their common leading indentation, joined with newlines. */
  static String dedent(List<String> lines) {
    int indent = Integer.MAX_VALUE;
    for (String line : lines) {
      if (!line.isBlank()) {
        indent = Math.min(indent, line.length() - line.stripLeading().length());
      }
    }
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      out.add(line.isBlank() ? "" : line.substring(indent == Integer.MAX_VALUE ? 0 : indent));
    }
    return String.join("\n", out);
  }
}
