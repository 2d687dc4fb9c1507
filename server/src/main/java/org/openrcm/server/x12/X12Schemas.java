package org.openrcm.server.x12;

import io.xlate.edi.schema.EDIComplexType;
import io.xlate.edi.schema.EDIReference;
import io.xlate.edi.schema.EDISchemaException;
import io.xlate.edi.schema.EDIType;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.schema.SchemaFactory;
import io.xlate.edi.stream.EDIStreamConstants;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The implementation schemas of every {@link X12Guide}, loaded once from the classpath
 * ({@code org/openrcm/server/x12/schema/}) and immutable afterwards; one instance serves any number of readers and
 * writers at once.
 *
 * <p>The schema files are staedi "EDISchema v4" documents. An implementation schema may pull a shared part of its
 * tree from a sibling file through an XML external entity (the 837 claim loop, which sits under two hierarchical
 * levels); this class expands those entities, resolving them only among the sibling schema resources, before it
 * hands the document to staedi. {@code <include>} locations resolve against the same folder.
 */
public final class X12Schemas {

	static final String FOLDER = "schema/";

	/** The version of the interchange envelope this server writes (ISA12). */
	static final String INTERCHANGE_VERSION = "00501";

	private final Map<X12Guide, Schema> schemas = new EnumMap<>(X12Guide.class);
	private final Map<X12Guide, Map<String, BitSet>> composites = new EnumMap<>(X12Guide.class);
	private final Schema controlSchema;

	private X12Schemas() {
		for (X12Guide guide : X12Guide.values()) {
			Schema schema = load(guide.schemaResource());
			schemas.put(guide, schema);
			composites.put(guide, compositePositions(schema));
		}
		try {
			controlSchema = SchemaFactory.newFactory().getControlSchema(EDIStreamConstants.Standards.X12,
					new String[] {INTERCHANGE_VERSION});
		} catch (EDISchemaException e) {
			throw new IllegalStateException("staedi's X12 " + INTERCHANGE_VERSION + " envelope schema is unavailable", e);
		}
	}

	/**
	 * Loads the schemas of all guides.
	 *
	 * @throws IllegalStateException when a schema resource is missing or invalid (a build defect)
	 */
	public static X12Schemas load() {
		return new X12Schemas();
	}

	/** The implementation schema of a guide. */
	Schema schema(X12Guide guide) {
		return schemas.get(guide);
	}

	/**
	 * Whether the guide's segment has a composite data element at this position (1-based); false for a segment the
	 * guide does not define.
	 */
	boolean isComposite(X12Guide guide, String segmentId, int position) {
		BitSet positions = composites.get(guide).get(segmentId);
		return positions != null && positions.get(position);
	}

	/** staedi's schema of the 00501 envelopes (ISA/IEA, GS/GE, ST/SE), for writing. */
	Schema controlSchema() {
		return controlSchema;
	}

	/** By segment id, the positions (1-based) of the segment's composite data elements. */
	private static Map<String, BitSet> compositePositions(Schema schema) {
		Map<String, BitSet> positions = new HashMap<>();
		for (EDIType type : schema) {
			if (type.isType(EDIType.Type.SEGMENT) && type instanceof EDIComplexType segment) {
				BitSet composite = new BitSet();
				List<EDIReference> elements = segment.getReferences();
				for (int i = 0; i < elements.size(); i++) {
					if (elements.get(i).getReferencedType().isType(EDIType.Type.COMPOSITE)) {
						composite.set(i + 1);
					}
				}
				positions.put(segment.getId(), composite);
			}
		}
		return Map.copyOf(positions);
	}

	static Schema load(String resource) {
		URL url = X12Schemas.class.getResource(FOLDER + resource);
		if (url == null) {
			throw new IllegalStateException("X12 schema resource " + FOLDER + resource + " is missing");
		}
		try {
			SchemaFactory factory = SchemaFactory.newFactory();
			factory.setProperty(SchemaFactory.SCHEMA_LOCATION_URL_CONTEXT, url);
			return factory.createSchema(new ByteArrayInputStream(expandEntities(url)));
		} catch (EDISchemaException e) {
			throw new IllegalStateException("X12 schema " + resource + " is invalid: " + e.getMessage(), e);
		}
	}

	/** The document with its external entities replaced by the sibling resources they name. */
	private static byte[] expandEntities(URL url) {
		try (InputStream in = url.openStream()) {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			factory.setExpandEntityReferences(true);
			factory.setXIncludeAware(false);
			DocumentBuilder builder = factory.newDocumentBuilder();
			builder.setEntityResolver((publicId, systemId) -> sibling(systemId));
			InputSource source = new InputSource(in);
			source.setSystemId(url.toExternalForm());
			Document document = builder.parse(source);

			TransformerFactory transformers = TransformerFactory.newInstance();
			transformers.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
			transformers.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
			Transformer transformer = transformers.newTransformer();
			transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			transformer.transform(new DOMSource(document), new StreamResult(out));
			return out.toByteArray();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (ParserConfigurationException | SAXException | TransformerException e) {
			throw new IllegalStateException("X12 schema " + url + " is not well-formed XML: " + e.getMessage(), e);
		}
	}

	/** An entity named by file name only, looked up beside the schemas; anything else is refused. */
	private static InputSource sibling(String systemId) {
		String name = systemId.substring(systemId.lastIndexOf('/') + 1);
		URL url = name.isEmpty() ? null : X12Schemas.class.getResource(FOLDER + name);
		if (url == null) {
			throw new IllegalStateException("X12 schema entity " + systemId + " is not a schema resource");
		}
		try {
			InputSource source = new InputSource(url.openStream());
			source.setSystemId(url.toExternalForm());
			return source;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
