package io.vodkit.dash;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * The official MPD schema (MPEGGroup/DASHSchema, copied into test resources with its license)
 * and helpers to read MPDs back.
 */
final class MpdSchema {
  private static final Schema SCHEMA = load();

  private MpdSchema() {}

  /** Validates {@code mpd}; a schema violation is a {@link SAXException}. */
  static void validate(byte[] mpd) throws SAXException {
    try {
      SCHEMA.newValidator().validate(new StreamSource(new ByteArrayInputStream(mpd)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses {@code mpd} namespace-aware. */
  static Document parse(byte[] mpd) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      return f.newDocumentBuilder().parse(new ByteArrayInputStream(mpd));
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Schema load() {
    URL xsd = Objects.requireNonNull(
        MpdSchema.class.getResource("/dash-schema/DASH-MPD.xsd"), "DASH-MPD.xsd on the test classpath");
    try {
      SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      // the XSD imports xlink.xsd (which imports xml.xsd) from next to it: files only, no network
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file,jar");
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      return factory.newSchema(xsd);
    } catch (SAXException e) {
      throw new IllegalStateException("cannot load the DASH MPD schema", e);
    }
  }
}
