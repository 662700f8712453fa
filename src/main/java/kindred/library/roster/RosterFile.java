package kindred.library.roster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kindred.library.IndexSettings;
import kindred.library.LibraryException;

/**
 * A roster as the photographer has it, read into (name, reference photo) pairs. Three layouts:
 * <ul>
 * <li>a folder with one sub-folder per person ({@code roster/Ada Lovelace/1.jpg}): the sub-folder's name is the
 * person's, every photo in it (and in folders inside it) a reference;</li>
 * <li>a folder of photos named by person ({@code Ada Lovelace.jpg}, {@code Ada Lovelace 2.jpg},
 * {@code Ada Lovelace (3).jpg}): the name is the file's without its extension and a trailing number;</li>
 * <li>a CSV file of name and photo path (a first line {@code name,photo} is a header; {@code #} starts a comment;
 * relative paths are relative to the CSV's folder; fields may be quoted, RFC 4180).</li>
 * </ul>
 * The first two may be mixed in one folder. Hidden files and folders are skipped. Reads only; touches no library.
 */
public final class RosterFile {

    /**
     * A trailing copy number of a reference photo's name: " 2", "_2", "-2" or " (2)", up to three digits (a school
     * roster numbers a child's photos, never past a few), so that "Ada Lovelace 2" is Ada Lovelace.
     */
    private static final Pattern COPY_NUMBER = Pattern.compile("^(.*?\\S)(?:\\s*\\(\\d{1,3}\\)|[ _-]+\\d{1,3})$");

    /** One reference photo of a person; {@code photo} absolute. */
    public record Entry(String name, Path photo) {
    }

    /** What was read: the entries, in roster order, and the lines or files that could not be used, with why. */
    public record Read(List<Entry> entries, List<String> problems) {
    }

    private RosterFile() {
    }

    /**
     * Reads a roster folder or CSV file.
     *
     * @throws LibraryException when the path does not exist or is neither a folder nor a .csv file
     */
    public static Read read(Path source) {
        Path abs = source.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            return readFolder(abs);
        }
        if (Files.isRegularFile(abs) && abs.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return readCsv(abs);
        }
        if (!Files.exists(abs)) {
            throw new LibraryException("There is no roster at " + abs + ". Give a folder (a sub-folder per person, or "
                    + "photos named by person) or a CSV file of name and photo path.");
        }
        throw new LibraryException(abs.getFileName() + " is not a roster: give a folder (a sub-folder per person, or "
                + "photos named by person) or a .csv file of name and photo path.");
    }

    /** The person a reference photo's file name names: "Ada Lovelace 2.jpg" is "Ada Lovelace". */
    public static String nameFromFile(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String base = (dot > 0 ? fileName.substring(0, dot) : fileName).strip();
        Matcher m = COPY_NUMBER.matcher(base);
        return m.matches() ? m.group(1).strip() : base;
    }

    private static Read readFolder(Path dir) {
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path p : sortedChildren(dir, problems)) {
            String fileName = p.getFileName().toString();
            if (Files.isDirectory(p)) {
                String name = fileName.strip();
                int before = entries.size();
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(f -> Files.isRegularFile(f) && !hiddenBelow(p, f))
                            .filter(f -> IndexSettings.isPhotoFileName(f.getFileName().toString()))
                            .sorted(Comparator.comparing(Path::toString))
                            .forEach(f -> entries.add(new Entry(name, f)));
                } catch (IOException | java.io.UncheckedIOException e) {
                    problems.add(p + ": cannot be read (" + e.getMessage() + ")");
                }
                if (entries.size() == before) {
                    problems.add(p + ": no photo in this folder, so " + name + " has no reference photo");
                }
            } else if (Files.isRegularFile(p) && IndexSettings.isPhotoFileName(fileName)) {
                entries.add(new Entry(nameFromFile(fileName), p));
            }
        }
        return new Read(List.copyOf(entries), List.copyOf(problems));
    }

    private static List<Path> sortedChildren(Path dir, List<String> problems) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            problems.add(dir + ": cannot be read (" + e.getMessage() + ")");
            return List.of();
        }
    }

    private static boolean hiddenBelow(Path top, Path file) {
        for (Path part : top.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static Read readCsv(Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LibraryException("The roster " + csv + " cannot be read (" + e.getMessage() + ").");
        }
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Path base = csv.getParent();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1); // a spreadsheet's byte order mark
            }
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            List<String> fields = csvFields(line);
            String where = csv.getFileName() + " line " + (i + 1);
            if (fields == null || fields.size() < 2) {
                problems.add(where + ": expected a name and a photo path, separated by a comma");
                continue;
            }
            String name = fields.get(0).strip();
            String photo = fields.get(1).strip();
            if (entries.isEmpty() && problems.isEmpty() && name.equalsIgnoreCase("name")) {
                continue; // the header
            }
            if (name.isEmpty() || photo.isEmpty()) {
                problems.add(where + ": the name or the photo path is empty");
                continue;
            }
            Path p = base.resolve(photo).toAbsolutePath().normalize();
            if (!Files.isRegularFile(p)) {
                problems.add(where + ": there is no file " + p);
                continue;
            }
            if (!IndexSettings.isPhotoFileName(p.getFileName().toString())) {
                problems.add(where + ": " + p.getFileName() + " is not a photo Kindred reads");
                continue;
            }
            entries.add(new Entry(name, p));
        }
        return new Read(List.copyOf(entries), List.copyOf(problems));
    }

    /** The fields of one CSV line (quotes as RFC 4180: "a, b" and "say ""hi"""), or null when a quote is not closed. */
    static List<String> csvFields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        out.add(f.toString());
        return out;
    }
}
