package dev.docent.ingest.parse;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.apache.tika.Tika;
import org.apache.tika.detect.AutoDetectReader;
import org.apache.tika.exception.TikaException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.xml.sax.SAXException;

/**
 * Detects a file's type and reads it into headings and paragraphs with Apache Tika. Docent accepts PDF, DOCX, HTML,
 * Markdown and plain text; Markdown and text are structured by {@link PlainTextStructure}, the rest from Tika's
 * XHTML.
 */
@ApplicationScoped
public class DocumentParser {

    public static final String PDF = "application/pdf";
    public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public static final String HTML = "text/html";
    public static final String XHTML = "application/xhtml+xml";
    public static final String MARKDOWN = "text/markdown";
    public static final String TEXT = "text/plain";

    /** What Tika may call these types, mapped to the names Docent uses. */
    private static final Map<String, String> ACCEPTED = Map.of(
            PDF, PDF,
            DOCX, DOCX,
            HTML, HTML,
            XHTML, HTML,
            MARKDOWN, MARKDOWN,
            "text/x-web-markdown", MARKDOWN,
            "text/x-markdown", MARKDOWN,
            TEXT, TEXT);

    private final Tika tika = new Tika();
    private final Parser parser = new AutoDetectParser();

    /**
     * The accepted type of this content, from its bytes and name (Markdown is told from text only by the name).
     *
     * @throws UnsupportedDocumentException for any other type
     */
    public String detect(byte[] content, String fileName) {
        Metadata metadata = new Metadata();
        if (fileName != null && !fileName.isBlank()) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        }
        String detected;
        try (InputStream in = new ByteArrayInputStream(content)) {
            detected = tika.getDetector().detect(in, metadata).getBaseType().toString();
        } catch (IOException e) {
            throw new UnsupportedDocumentException("cannot read the content", e);
        }
        String accepted = ACCEPTED.get(detected);
        if (accepted == null) {
            throw new UnsupportedDocumentException("Unsupported content type " + detected
                    + ": Docent accepts PDF, DOCX, HTML, Markdown and plain text.");
        }
        return accepted;
    }

    /** Reads content of an accepted type (see {@link #detect}) into its title and blocks. */
    public ParsedDocument parse(byte[] content, String mediaType, String fileName) {
        ParsedDocument parsed = switch (mediaType) {
            case MARKDOWN, TEXT -> parseText(content, MARKDOWN.equals(mediaType));
            case PDF, DOCX, HTML -> parseStructured(content, mediaType, fileName);
            default -> throw new UnsupportedDocumentException("Unsupported content type " + mediaType);
        };
        if (parsed.isEmpty()) {
            throw new UnsupportedDocumentException("The document contains no readable text.");
        }
        return parsed;
    }

    private ParsedDocument parseText(byte[] content, boolean markdown) {
        String text;
        try (AutoDetectReader reader = new AutoDetectReader(new ByteArrayInputStream(content))) {
            text = reader.lines().reduce(new StringBuilder(), (sb, line) -> sb.append(line).append('\n'),
                    StringBuilder::append).toString();
        } catch (IOException | TikaException e) {
            throw new UnsupportedDocumentException("cannot decode the text: " + e.getMessage(), e);
        }
        List<Block> blocks = PlainTextStructure.blocks(text, markdown);
        String title = blocks.stream().filter(b -> b.headingLevel() == 1).map(Block::text).findFirst().orElse(null);
        return new ParsedDocument(title, blocks);
    }

    private ParsedDocument parseStructured(byte[] content, String mediaType, String fileName) {
        Metadata metadata = new Metadata();
        metadata.set(Metadata.CONTENT_TYPE, mediaType);
        if (fileName != null) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        }
        StructureHandler handler = new StructureHandler();
        try (InputStream in = new ByteArrayInputStream(content)) {
            parser.parse(in, handler, metadata, new ParseContext());
        } catch (IOException | SAXException | TikaException e) {
            throw new UnsupportedDocumentException("The " + mediaType + " file could not be read: " + e.getMessage(), e);
        }
        List<Block> blocks = handler.blocks();
        if (PDF.equals(mediaType)) {
            // PDF lines break where the page did, not where sentences end.
            blocks = blocks.stream().map(b -> new Block(b.headingLevel(), joinLines(b.text()))).toList();
        }
        String title = metadata.get(TikaCoreProperties.TITLE);
        return new ParsedDocument(title == null || title.isBlank() ? null : title.strip(), blocks);
    }

    static String joinLines(String text) {
        return text.replaceAll("(\\p{L})-\\n(\\p{Ll})", "$1$2").replace('\n', ' ');
    }
}
