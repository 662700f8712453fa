package kindred.library.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * The LFW pairs format: a first line with the pair count per class ({@code 500}) or folds and count
 * ({@code 10 300}); then {@code name i j} for a same-person pair and {@code name1 i name2 j} for a different
 * pair. With folds, each fold lists its same pairs then its different pairs.
 *
 * @param folds 1 when the file has no folds
 */
record LfwPairs(int folds, List<Pair> pairs) {

    record Pair(String name1, int index1, String name2, int index2, boolean same) {

        String image1() {
            return image(name1, index1);
        }

        String image2() {
            return image(name2, index2);
        }

        static String image(String name, int index) {
            return name + "/" + name + String.format("_%04d.jpg", index);
        }
    }

    static LfwPairs parse(Reader reader) throws IOException {
        BufferedReader r = new BufferedReader(reader);
        String first = r.readLine();
        while (first != null && first.isBlank()) {
            first = r.readLine();
        }
        if (first == null) {
            throw new IOException("the pairs file is empty");
        }
        String[] head = first.strip().split("\\s+");
        int folds;
        try {
            folds = head.length >= 2 ? Integer.parseInt(head[0]) : 1;
            Integer.parseInt(head[head.length - 1]);
        } catch (NumberFormatException e) {
            throw new IOException("the first line of a pairs file is a count (or folds and count), got \"" + first.strip() + "\"");
        }
        List<Pair> pairs = new ArrayList<>();
        int lineNo = 1;
        for (String line; (line = r.readLine()) != null; ) {
            lineNo++;
            String[] t = line.strip().split("\\s+");
            if (t.length == 1 && t[0].isEmpty()) {
                continue;
            }
            try {
                if (t.length == 3) {
                    pairs.add(new Pair(t[0], Integer.parseInt(t[1]), t[0], Integer.parseInt(t[2]), true));
                } else if (t.length == 4) {
                    pairs.add(new Pair(t[0], Integer.parseInt(t[1]), t[2], Integer.parseInt(t[3]), false));
                } else {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new IOException("pairs file line " + lineNo + ": expected `name i j` or `name1 i name2 j`, got \"" + line.strip() + "\"");
            }
        }
        return new LfwPairs(folds, List.copyOf(pairs));
    }
}
