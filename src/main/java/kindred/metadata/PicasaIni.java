package kindred.metadata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Picasa's per-folder {@code .picasa.ini}: {@code [photo.jpg]} sections with
 * {@code faces=rect64(HEX),CONTACT;rect64(HEX),CONTACT}, where the 64-bit hex number is four 16-bit numbers left,
 * top, right, bottom, each a fraction of 65535 of the stored image; names come from the file's {@code [Contacts2]}
 * section ({@code CONTACT=Name;;}) or from Picasa's {@code contacts.xml}. Immutable once parsed, thread-safe.
 */
final class PicasaIni {

    /** Picasa's contact id for a face nobody named. */
    static final String UNKNOWN_CONTACT = "ffffffffffffffff";

    /** A face of one photo: its contact id, the contact's name (null when unknown), stored-image rectangle. */
    record Face(String contact, String name, Orientation.Rect rect) {
    }

    private final Map<String, List<String>> facesByFile; // lower-case file name → raw "faces" values
    private final Map<String, String> contacts;

    private PicasaIni(Map<String, List<String>> facesByFile, Map<String, String> contacts) {
        this.facesByFile = facesByFile;
        this.contacts = contacts;
    }

    static PicasaIni parse(String text) {
        Map<String, List<String>> faces = new HashMap<>();
        Map<String, String> contacts = new LinkedHashMap<>();
        String section = null;
        for (String raw : text.split("\\r?\\n|\\r")) {
            String line = raw.strip();
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1);
                continue;
            }
            int eq = line.indexOf('=');
            if (section == null || eq <= 0) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (section.equalsIgnoreCase("Contacts2") || section.equalsIgnoreCase("Contacts")) {
                String name = value.split(";", -1)[0].strip();
                if (!name.isEmpty()) {
                    contacts.put(key.toLowerCase(Locale.ROOT), name);
                }
            } else if (key.equalsIgnoreCase("faces")) {
                faces.computeIfAbsent(section.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
            }
        }
        return new PicasaIni(faces, contacts);
    }

    static PicasaIni read(Path ini) throws IOException {
        return parse(new String(Files.readAllBytes(ini), StandardCharsets.UTF_8));
    }

    /**
     * The faces of one photo of the folder. Names come from this file's contacts, else from {@code moreContacts}
     * (contacts.xml); faces with an unknown contact have a null name.
     */
    List<Face> faces(String fileName, Map<String, String> moreContacts, List<String> problems) {
        List<Face> out = new ArrayList<>();
        for (String value : facesByFile.getOrDefault(fileName.toLowerCase(Locale.ROOT), List.of())) {
            for (String part : value.split(";")) {
                String p = part.strip();
                if (p.isEmpty()) {
                    continue;
                }
                int open = p.indexOf("rect64(");
                int close = p.indexOf(')', open + 1);
                if (open < 0 || close < 0) {
                    problems.add("Picasa face \"" + p + "\" is not rect64(HEX),CONTACT; skipped");
                    continue;
                }
                Orientation.Rect r = rect64(p.substring(open + 7, close));
                if (r == null) {
                    problems.add("Picasa face \"" + p + "\" has an unreadable rectangle; skipped");
                    continue;
                }
                int comma = p.indexOf(',', close);
                String contact = comma < 0 ? UNKNOWN_CONTACT : p.substring(comma + 1).strip().toLowerCase(Locale.ROOT);
                String name = UNKNOWN_CONTACT.equals(contact) ? null
                        : contacts.getOrDefault(contact, moreContacts.get(contact));
                out.add(new Face(contact, name, r));
            }
        }
        return out;
    }

    /**
     * Decodes a rect64 value: up to 16 hex digits (Picasa drops leading zeros), four 16-bit numbers left, top,
     * right, bottom, each ÷ 65535. Null when malformed or empty.
     */
    static Orientation.Rect rect64(String hex) {
        String h = hex.strip();
        if (h.isEmpty() || h.length() > 16 || !h.matches("[0-9a-fA-F]+")) {
            return null;
        }
        long v = Long.parseUnsignedLong(h, 16);
        double left = ((v >>> 48) & 0xFFFF) / 65535.0;
        double top = ((v >>> 32) & 0xFFFF) / 65535.0;
        double right = ((v >>> 16) & 0xFFFF) / 65535.0;
        double bottom = (v & 0xFFFF) / 65535.0;
        if (right <= left || bottom <= top) {
            return null;
        }
        return new Orientation.Rect(left, top, right - left, bottom - top);
    }

    /** Contact id → name from Picasa's contacts.xml ({@code <contact id="…" name="…"/>}). */
    static Map<String, String> contactsXml(Path file) throws IOException {
        Map<String, String> out = new HashMap<>();
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            NodeList nodes = b.parse(file.toFile()).getElementsByTagName("contact");
            for (int i = 0; i < nodes.getLength(); i++) {
                Element e = (Element) nodes.item(i);
                String id = e.getAttribute("id").strip().toLowerCase(Locale.ROOT);
                String name = e.getAttribute("name").strip();
                if (name.isEmpty()) {
                    name = e.getAttribute("display").strip();
                }
                if (!id.isEmpty() && !name.isEmpty()) {
                    out.put(id, name);
                }
            }
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(file + " is not a Picasa contacts file (" + e.getMessage() + ")", e);
        }
        return out;
    }
}
