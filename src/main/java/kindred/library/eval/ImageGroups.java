package kindred.library.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A group label per image, for accuracy by group ({@code eval verify --groups}, {@code eval cluster --groups}): a
 * UTF-8 file of {@code image<TAB>group} lines; blank lines and lines starting with {@code #} are skipped. An image is
 * known by its file name alone ({@code AJ_Cook_0001.jpg}), so a file written for LFW's names matches
 * {@code AJ_Cook/AJ_Cook_0001.jpg} in a pairs file. Immutable and thread-safe once read.
 */
public final class ImageGroups {

    private final Map<String, String> groupByFileName;

    private ImageGroups(Map<String, String> groupByFileName) {
        this.groupByFileName = Map.copyOf(groupByFileName);
    }

    public static ImageGroups read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r, file.toString());
        }
    }

    /**
     * @param source how the file is named in an error message
     * @throws IOException naming the line of a line that is not {@code image<TAB>group}, or of an image given two groups
     */
    public static ImageGroups parse(Reader reader, String source) throws IOException {
        BufferedReader r = new BufferedReader(reader);
        Map<String, String> groups = new HashMap<>();
        int lineNo = 0;
        for (String line; (line = r.readLine()) != null; ) {
            lineNo++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            String[] t = line.split("\t", -1);
            if (t.length != 2 || t[0].isBlank() || t[1].isBlank()) {
                throw new IOException(source + " line " + lineNo + ": expected `image<TAB>group` (one tab), got \"" + s + "\"");
            }
            String image = fileName(t[0].strip());
            String group = t[1].strip();
            String before = groups.putIfAbsent(image, group);
            if (before != null && !before.equals(group)) {
                throw new IOException(source + " line " + lineNo + ": " + image + " is already in group \"" + before
                        + "\", not \"" + group + "\"");
            }
        }
        if (groups.isEmpty()) {
            throw new IOException(source + ": no `image<TAB>group` line");
        }
        return new ImageGroups(groups);
    }

    /** The group of an image given by file name or by a path ending in it; null when the file does not list it. */
    public String groupOf(String image) {
        return groupByFileName.get(fileName(image));
    }

    /** Every group named in the file, in alphabetical order. */
    public List<String> groups() {
        return List.copyOf(new TreeSet<>(groupByFileName.values()));
    }

    /** Images listed (count). */
    public int size() {
        return groupByFileName.size();
    }

    private static String fileName(String image) {
        int slash = Math.max(image.lastIndexOf('/'), image.lastIndexOf('\\'));
        return image.substring(slash + 1);
    }
}
