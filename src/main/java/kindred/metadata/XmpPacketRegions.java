package kindred.metadata;

import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPIterator;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.adobe.internal.xmp.XMPPathFactory;
import com.adobe.internal.xmp.XMPSchemaRegistry;
import com.adobe.internal.xmp.options.IteratorOptions;
import com.adobe.internal.xmp.options.PropertyOptions;
import com.adobe.internal.xmp.properties.XMPPropertyInfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Face regions and people keywords inside one XMP packet (an {@link XMPMeta}), in normalized coordinates of the
 * <em>stored</em> image. Reads MWG ({@code mwg-rs:Regions}) and Microsoft ({@code MP:RegionInfo}) regions;
 * writes both, marking each region it writes with {@code kindred:Writer}, and records the names it added to the
 * keyword lists in {@code kindred:PeopleKeywords}, so that a later export replaces exactly what Kindred wrote and
 * nothing else. Stateless; XMPMeta objects are not thread-safe, the caller owns them.
 */
final class XmpPacketRegions {

    static final String NS_MWG_RS = "http://www.metadataworkinggroup.com/schemas/regions/";
    static final String NS_ST_AREA = "http://ns.adobe.com/xmp/sType/Area#";
    static final String NS_ST_DIM = "http://ns.adobe.com/xap/1.0/sType/Dimensions#";
    static final String NS_MP = "http://ns.microsoft.com/photo/1.2/";
    static final String NS_MPRI = "http://ns.microsoft.com/photo/1.2/t/RegionInfo#";
    static final String NS_MPREG = "http://ns.microsoft.com/photo/1.2/t/Region#";
    static final String NS_IPTC_EXT = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";
    static final String NS_LR = "http://ns.adobe.com/lightroom/1.0/";
    static final String NS_DIGIKAM = "http://www.digikam.org/ns/1.0/";
    /** Kindred's own namespace: only markers of what Kindred wrote. */
    static final String NS_KINDRED = "http://kindred.app/ns/xmp/1.0/";

    /** Value of {@code kindred:Writer} on the regions Kindred wrote. */
    static final String WRITER = "Kindred";

    static {
        XMPSchemaRegistry r = XMPMetaFactory.getSchemaRegistry();
        try {
            r.registerNamespace(NS_MWG_RS, "mwg-rs");
            r.registerNamespace(NS_ST_AREA, "stArea");
            r.registerNamespace(NS_ST_DIM, "stDim");
            r.registerNamespace(NS_MP, "MP");
            r.registerNamespace(NS_MPRI, "MPRI");
            r.registerNamespace(NS_MPREG, "MPReg");
            r.registerNamespace(NS_IPTC_EXT, "Iptc4xmpExt");
            r.registerNamespace(NS_LR, "lr");
            r.registerNamespace(NS_DIGIKAM, "digiKam");
            r.registerNamespace(NS_KINDRED, "kindred");
        } catch (XMPException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private XmpPacketRegions() {
    }

    /**
     * A region in normalized coordinates of the stored image, top-left based.
     *
     * @param name   the person's name, or null when the region has none
     * @param schema "MWG" or "Microsoft"
     * @param kindred whether Kindred wrote it
     */
    record Region(String name, Orientation.Rect rect, String schema, boolean kindred) {
    }

    /** Regions a packet holds; {@code skipped} counts regions that are not faces or have no usable area. */
    record Found(List<Region> regions, int skipped, List<String> problems) {
    }

    /** Makes sure the namespaces are registered (class initialisation). */
    static void init() {
    }

    // ------------------------------------------------------------------ reading

    static Found read(XMPMeta m) {
        List<Region> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int[] skipped = {0};
        readMwg(m, out, problems, skipped);
        readMicrosoft(m, out, problems, skipped);
        return new Found(out, skipped[0], problems);
    }

    private static void readMwg(XMPMeta m, List<Region> out, List<String> problems, int[] skipped) {
        try {
            if (!m.doesPropertyExist(NS_MWG_RS, "Regions")) {
                return;
            }
            String list = mwgList();
            int n = m.doesPropertyExist(NS_MWG_RS, list) ? m.countArrayItems(NS_MWG_RS, list) : 0;
            for (int i = 1; i <= n; i++) {
                String item = XMPPathFactory.composeArrayItemPath(list, i);
                String type = str(m, NS_MWG_RS, item + field(NS_MWG_RS, "Type"));
                if (type != null && !type.strip().equalsIgnoreCase("Face")) {
                    continue; // pets, focus areas, bar codes: not people
                }
                String area = item + field(NS_MWG_RS, "Area");
                String unit = str(m, NS_MWG_RS, area + field(NS_ST_AREA, "unit"));
                Double x = num(m, NS_MWG_RS, area + field(NS_ST_AREA, "x"));
                Double y = num(m, NS_MWG_RS, area + field(NS_ST_AREA, "y"));
                Double w = num(m, NS_MWG_RS, area + field(NS_ST_AREA, "w"));
                Double h = num(m, NS_MWG_RS, area + field(NS_ST_AREA, "h"));
                String name = clean(str(m, NS_MWG_RS, item + field(NS_MWG_RS, "Name")));
                boolean ours = WRITER.equals(str(m, NS_MWG_RS, item + field(NS_KINDRED, "Writer")));
                if (x == null || y == null || w == null || h == null || w <= 0 || h <= 0
                        || (unit != null && !unit.strip().equalsIgnoreCase("normalized"))) {
                    skipped[0]++;
                    if (name != null) {
                        problems.add("the MWG region of " + name + " has no usable normalized area; skipped");
                    }
                    continue;
                }
                // MWG: x, y is the centre of the area.
                out.add(new Region(name, new Orientation.Rect(x - w / 2, y - h / 2, w, h), "MWG", ours));
            }
        } catch (XMPException | RuntimeException e) {
            problems.add("the MWG regions could not be read (" + e.getMessage() + "); skipped");
        }
    }

    private static void readMicrosoft(XMPMeta m, List<Region> out, List<String> problems, int[] skipped) {
        try {
            if (!m.doesPropertyExist(NS_MP, "RegionInfo")) {
                return;
            }
            String list = mpList();
            int n = m.doesPropertyExist(NS_MP, list) ? m.countArrayItems(NS_MP, list) : 0;
            for (int i = 1; i <= n; i++) {
                String item = XMPPathFactory.composeArrayItemPath(list, i);
                String name = clean(str(m, NS_MP, item + field(NS_MPREG, "PersonDisplayName")));
                String rect = str(m, NS_MP, item + field(NS_MPREG, "Rectangle"));
                boolean ours = WRITER.equals(str(m, NS_MP, item + field(NS_KINDRED, "Writer")));
                double[] r = rect == null ? null : rectangle(rect);
                if (r == null) {
                    skipped[0]++;
                    if (name != null && rect != null) {
                        problems.add("the Microsoft region of " + name + " has an unreadable rectangle \"" + rect + "\"; skipped");
                    }
                    continue;
                }
                // Microsoft: x, y is the top-left corner.
                out.add(new Region(name, new Orientation.Rect(r[0], r[1], r[2], r[3]), "Microsoft", ours));
            }
        } catch (XMPException | RuntimeException e) {
            problems.add("the Microsoft regions could not be read (" + e.getMessage() + "); skipped");
        }
    }

    /** {@code "x, y, w, h"} normalized, or null. */
    static double[] rectangle(String s) {
        String[] parts = s.split(",");
        if (parts.length != 4) {
            return null;
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                return null;
            }
            if (!Double.isFinite(v[i])) {
                return null;
            }
        }
        return v[2] > 0 && v[3] > 0 ? v : null;
    }

    // ------------------------------------------------------------------ writing

    /** What {@link #apply} changed. */
    record Applied(int removed, int written, List<String> namesAdded, List<String> namesRemoved, List<String> kept) {
    }

    /** A face to write: name and normalized top-left rectangle of the stored image. */
    record Face(String name, Orientation.Rect rect) {
    }

    /**
     * Replaces Kindred's regions and people keywords in {@code m} by {@code faces}. Regions and keywords written by
     * anyone else stay as they are; a face another program already wrote with the same name at the same place is
     * not written twice.
     */
    static Applied apply(XMPMeta m, List<Face> faces, int storedWidth, int storedHeight) throws XMPException {
        // Each face is written in both schemas; count it once.
        int removed = Math.max(removeOwn(m, NS_MWG_RS, mwgList()), removeOwn(m, NS_MP, mpList()));
        List<Region> foreign = read(m).regions();
        List<Face> toWrite = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (Face f : faces) {
            boolean already = foreign.stream().anyMatch(r -> r.name() != null && r.name().equalsIgnoreCase(f.name())
                    && iou(r.rect(), f.rect()) >= 0.5);
            if (already) {
                kept.add(f.name());
            } else {
                toWrite.add(f);
            }
        }
        if (!toWrite.isEmpty()) {
            writeMwg(m, toWrite, storedWidth, storedHeight, foreign.stream().noneMatch(r -> "MWG".equals(r.schema())));
            writeMicrosoft(m, toWrite);
        }
        dropIfEmpty(m, NS_MWG_RS, "Regions", mwgList(), Set.of("AppliedToDimensions", "RegionList"));
        dropIfEmpty(m, NS_MP, "RegionInfo", mpList(), Set.of("Regions"));
        Set<String> names = new LinkedHashSet<>();
        faces.forEach(f -> names.add(f.name()));
        Keywords k = keywords(m, names);
        return new Applied(removed, toWrite.size(), k.added, k.removed, kept);
    }

    private static void writeMwg(XMPMeta m, List<Face> faces, int w, int h, boolean ownDimensions) throws XMPException {
        PropertyOptions struct = new PropertyOptions().setStruct(true);
        String dims = "Regions" + field(NS_MWG_RS, "AppliedToDimensions");
        if (ownDimensions || !m.doesPropertyExist(NS_MWG_RS, dims)) {
            m.setStructField(NS_MWG_RS, "Regions", NS_MWG_RS, "AppliedToDimensions", null, struct);
            m.setStructField(NS_MWG_RS, dims, NS_ST_DIM, "w", Integer.toString(w));
            m.setStructField(NS_MWG_RS, dims, NS_ST_DIM, "h", Integer.toString(h));
            m.setStructField(NS_MWG_RS, dims, NS_ST_DIM, "unit", "pixel");
        }
        String list = mwgList();
        for (Face f : faces) {
            m.appendArrayItem(NS_MWG_RS, list, new PropertyOptions().setArray(true), null, struct);
            String item = XMPPathFactory.composeArrayItemPath(list, m.countArrayItems(NS_MWG_RS, list));
            m.setStructField(NS_MWG_RS, item, NS_MWG_RS, "Area", null, struct);
            String area = item + field(NS_MWG_RS, "Area");
            Orientation.Rect r = f.rect();
            m.setStructField(NS_MWG_RS, area, NS_ST_AREA, "x", fmt(r.x() + r.w() / 2));
            m.setStructField(NS_MWG_RS, area, NS_ST_AREA, "y", fmt(r.y() + r.h() / 2));
            m.setStructField(NS_MWG_RS, area, NS_ST_AREA, "w", fmt(r.w()));
            m.setStructField(NS_MWG_RS, area, NS_ST_AREA, "h", fmt(r.h()));
            m.setStructField(NS_MWG_RS, area, NS_ST_AREA, "unit", "normalized");
            m.setStructField(NS_MWG_RS, item, NS_MWG_RS, "Type", "Face");
            m.setStructField(NS_MWG_RS, item, NS_MWG_RS, "Name", f.name());
            m.setStructField(NS_MWG_RS, item, NS_KINDRED, "Writer", WRITER);
        }
    }

    private static void writeMicrosoft(XMPMeta m, List<Face> faces) throws XMPException {
        PropertyOptions struct = new PropertyOptions().setStruct(true);
        String list = mpList();
        for (Face f : faces) {
            m.appendArrayItem(NS_MP, list, new PropertyOptions().setArray(true), null, struct);
            String item = XMPPathFactory.composeArrayItemPath(list, m.countArrayItems(NS_MP, list));
            Orientation.Rect r = f.rect();
            m.setStructField(NS_MP, item, NS_MPREG, "Rectangle",
                    fmt(r.x()) + ", " + fmt(r.y()) + ", " + fmt(r.w()) + ", " + fmt(r.h()));
            m.setStructField(NS_MP, item, NS_MPREG, "PersonDisplayName", f.name());
            m.setStructField(NS_MP, item, NS_KINDRED, "Writer", WRITER);
        }
    }

    private static int removeOwn(XMPMeta m, String ns, String list) throws XMPException {
        if (!m.doesPropertyExist(ns, list)) {
            return 0;
        }
        int removed = 0;
        for (int i = m.countArrayItems(ns, list); i >= 1; i--) {
            String item = XMPPathFactory.composeArrayItemPath(list, i);
            if (WRITER.equals(str(m, ns, item + field(NS_KINDRED, "Writer")))) {
                m.deleteArrayItem(ns, list, i);
                removed++;
            }
        }
        return removed;
    }

    /** Deletes a region container left with no regions, unless it holds fields other than {@code ours}. */
    private static void dropIfEmpty(XMPMeta m, String ns, String top, String list, Set<String> ours) throws XMPException {
        if (!m.doesPropertyExist(ns, top)) {
            return;
        }
        if (m.doesPropertyExist(ns, list) && m.countArrayItems(ns, list) > 0) {
            return;
        }
        XMPIterator it = m.iterator(ns, top, new IteratorOptions().setJustChildren(true).setJustLeafname(true));
        while (it.hasNext()) {
            XMPPropertyInfo p = (XMPPropertyInfo) it.next();
            String leaf = p.getPath() == null ? "" : p.getPath().substring(p.getPath().indexOf(':') + 1);
            if (!ours.contains(leaf)) {
                if (m.doesPropertyExist(ns, list)) {
                    m.deleteProperty(ns, list);
                }
                return;
            }
        }
        m.deleteProperty(ns, top);
    }

    // ------------------------------------------------------------------ keywords

    private record Keywords(List<String> added, List<String> removed) {
    }

    /** One people-keyword list: where it lives and how a name is written in it. */
    private record KeywordList(String ns, String prop, boolean ordered, String prefix) {
        String value(String name) {
            return prefix + name;
        }
    }

    private static final List<KeywordList> KEYWORD_LISTS = List.of(
            new KeywordList(NS_IPTC_EXT, "PersonInImage", false, ""),
            new KeywordList(NS_LR, "hierarchicalSubject", false, "People|"),
            new KeywordList(NS_DIGIKAM, "TagsList", true, "People/"));

    private static Keywords keywords(XMPMeta m, Set<String> names) throws XMPException {
        List<String> before = items(m, NS_KINDRED, "PeopleKeywords");
        Set<String> own = new LinkedHashSet<>();
        List<String> removed = new ArrayList<>();
        for (String old : before) {
            if (names.stream().noneMatch(n -> n.equals(old))) {
                removed.add(old);
            }
        }
        List<String> added = new ArrayList<>();
        for (KeywordList l : KEYWORD_LISTS) {
            for (String old : removed) {
                deleteItem(m, l.ns(), l.prop(), l.value(old));
            }
            for (String n : names) {
                if (!items(m, l.ns(), l.prop()).contains(l.value(n))) {
                    PropertyOptions arr = new PropertyOptions().setArray(true).setArrayOrdered(l.ordered());
                    m.appendArrayItem(l.ns(), l.prop(), arr, l.value(n), null);
                    own.add(n);
                    if (!before.contains(n) && !added.contains(n)) {
                        added.add(n);
                    }
                } else if (before.contains(n)) {
                    own.add(n);
                }
            }
            if (m.doesPropertyExist(l.ns(), l.prop()) && m.countArrayItems(l.ns(), l.prop()) == 0) {
                m.deleteProperty(l.ns(), l.prop());
            }
        }
        m.deleteProperty(NS_KINDRED, "PeopleKeywords");
        for (String n : own) {
            m.appendArrayItem(NS_KINDRED, "PeopleKeywords", new PropertyOptions().setArray(true), n, null);
        }
        return new Keywords(added, removed);
    }

    private static List<String> items(XMPMeta m, String ns, String prop) throws XMPException {
        List<String> out = new ArrayList<>();
        if (!m.doesPropertyExist(ns, prop)) {
            return out;
        }
        int n = m.countArrayItems(ns, prop);
        for (int i = 1; i <= n; i++) {
            var item = m.getArrayItem(ns, prop, i);
            if (item != null && item.getValue() != null) {
                out.add(item.getValue());
            }
        }
        return out;
    }

    private static void deleteItem(XMPMeta m, String ns, String prop, String value) throws XMPException {
        if (!m.doesPropertyExist(ns, prop)) {
            return;
        }
        for (int i = m.countArrayItems(ns, prop); i >= 1; i--) {
            var item = m.getArrayItem(ns, prop, i);
            if (item != null && value.equals(item.getValue())) {
                m.deleteArrayItem(ns, prop, i);
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private static String mwgList() {
        try {
            return "Regions" + field(NS_MWG_RS, "RegionList");
        } catch (XMPException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String mpList() {
        try {
            return "RegionInfo" + field(NS_MPRI, "Regions");
        } catch (XMPException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String field(String ns, String name) throws XMPException {
        return XMPPathFactory.composeStructFieldPath(ns, name);
    }

    private static String str(XMPMeta m, String ns, String path) throws XMPException {
        return m.doesPropertyExist(ns, path) ? m.getPropertyString(ns, path) : null;
    }

    private static Double num(XMPMeta m, String ns, String path) throws XMPException {
        String s = str(m, ns, path);
        if (s == null) {
            return null;
        }
        try {
            double v = Double.parseDouble(s.strip());
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String clean(String name) {
        return name == null || name.isBlank() ? null : name.strip();
    }

    static String fmt(double v) {
        String s = String.format(Locale.ROOT, "%.6f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s + "0" : s;
    }

    static double iou(Orientation.Rect a, Orientation.Rect b) {
        double ix = Math.max(0, Math.min(a.x() + a.w(), b.x() + b.w()) - Math.max(a.x(), b.x()));
        double iy = Math.max(0, Math.min(a.y() + a.h(), b.y() + b.h()) - Math.max(a.y(), b.y()));
        double inter = ix * iy;
        double union = a.w() * a.h() + b.w() * b.h() - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
