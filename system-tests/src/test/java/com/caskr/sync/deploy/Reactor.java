package com.caskr.sync.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** The Maven reactor as the root pom declares it, with what each module's own files say. */
record Reactor(List<ReactorModule> modules) {

  static Reactor read(Path root) {
    List<ReactorModule> modules = new ArrayList<>();
    for (String path : children(child(pom(root.resolve("pom.xml")), "modules"), "module")) {
      modules.add(module(root, path));
    }
    return new Reactor(List.copyOf(modules));
  }

  Optional<ReactorModule> module(String path) {
    return modules.stream().filter(module -> module.path().equals(path)).findFirst();
  }

  List<ReactorModule> bootableModules() {
    return modules.stream().filter(ReactorModule::bootable).toList();
  }

  private static ReactorModule module(Path root, String path) {
    Path dir = root.resolve(path);
    Element pom = pom(dir.resolve("pom.xml"));
    Element build = child(pom, "build");
    boolean bootable =
        childElements(child(build, "plugins"), "plugin").stream()
            .anyMatch(plugin -> "spring-boot-maven-plugin".equals(text(plugin, "artifactId")));
    Path yaml = dir.resolve("src/main/resources/application.yml");
    Map<String, Object> properties =
        Files.isRegularFile(yaml) ? YamlFiles.flatten(YamlFiles.readAll(yaml)) : Map.of();
    return new ReactorModule(
        path, text(pom, "artifactId"), text(build, "finalName"), bootable, properties);
  }

  private static Element pom(Path file) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("Cannot parse " + file, e);
    }
  }

  /** The direct child element named {@code name}, or null (also when {@code parent} is null). */
  private static Element child(Element parent, String name) {
    List<Element> found = childElements(parent, name);
    return found.isEmpty() ? null : found.getFirst();
  }

  private static List<Element> childElements(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    if (parent == null) {
      return found;
    }
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        found.add(element);
      }
    }
    return found;
  }

  private static List<String> children(Element parent, String name) {
    return childElements(parent, name).stream().map(e -> e.getTextContent().trim()).toList();
  }

  private static String text(Element parent, String name) {
    Element element = child(parent, name);
    return element == null ? null : element.getTextContent().trim();
  }
}
