package dev.docent.ingest.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Collects headings and paragraphs from the XHTML that Tika produces for HTML, DOCX and PDF, so that chunks can
 * follow the document's own sections.
 */
final class StructureHandler extends DefaultHandler {

    private static final Set<String> BLOCK_ELEMENTS = Set.of(
            "p", "li", "pre", "blockquote", "td", "th", "dd", "dt", "caption", "div", "tr", "table", "ul", "ol",
            "body", "section", "article", "br");
    private static final Set<String> IGNORED_ELEMENTS = Set.of("script", "style", "head", "title", "meta");

    private final List<Block> blocks = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private int headingLevel;
    private int ignoredDepth;

    List<Block> blocks() {
        flush();
        return blocks;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
        String name = localName.isEmpty() ? qName : localName;
        name = name.toLowerCase();
        if (IGNORED_ELEMENTS.contains(name)) {
            ignoredDepth++;
            return;
        }
        int level = headingLevel(name);
        if (level > 0) {
            flush();
            headingLevel = level;
        } else if (BLOCK_ELEMENTS.contains(name)) {
            if (name.equals("br")) {
                text.append('\n');
            } else if (name.equals("td") || name.equals("th")) {
                text.append(' ');
            } else {
                flush();
            }
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        String name = localName.isEmpty() ? qName : localName;
        name = name.toLowerCase();
        if (IGNORED_ELEMENTS.contains(name)) {
            ignoredDepth = Math.max(0, ignoredDepth - 1);
            return;
        }
        if (headingLevel(name) > 0 || (BLOCK_ELEMENTS.contains(name) && !name.equals("td") && !name.equals("th")
                && !name.equals("br"))) {
            flush();
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        if (ignoredDepth == 0) {
            text.append(ch, start, length);
        }
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) {
        if (ignoredDepth == 0) {
            text.append(ch, start, length);
        }
    }

    private void flush() {
        String content = normalize(text);
        text.setLength(0);
        if (!content.isEmpty()) {
            blocks.add(headingLevel > 0 ? Block.heading(headingLevel, content) : Block.paragraph(content));
        }
        headingLevel = 0;
    }

    private static int headingLevel(String name) {
        if (name.length() == 2 && name.charAt(0) == 'h' && name.charAt(1) >= '1' && name.charAt(1) <= '6') {
            return name.charAt(1) - '0';
        }
        return 0;
    }

    /** Collapses runs of spaces and tabs, keeps single line breaks, drops blank lines at the ends. */
    private static String normalize(CharSequence raw) {
        String collapsed = raw.toString().replace('\u00a0', ' ').replaceAll("[ \\t\\x0B\\f]+", " ");
        return collapsed.replaceAll(" ?\\n ?", "\n").replaceAll("\\n{2,}", "\n").strip();
    }
}
