package kindred.clustering;

import java.util.Arrays;

/** A growable list of ints, without boxing. */
final class IntList {
    private int[] items;
    private int size;

    IntList(int capacity) {
        items = new int[Math.max(capacity, 2)];
    }

    static IntList of(int value) {
        IntList l = new IntList(2);
        l.add(value);
        return l;
    }

    void add(int v) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size + (size >> 1) + 2);
        }
        items[size++] = v;
    }

    void addAll(IntList other) {
        if (size + other.size > items.length) {
            items = Arrays.copyOf(items, size + other.size + (size >> 2));
        }
        System.arraycopy(other.items, 0, items, size, other.size);
        size += other.size;
    }

    int get(int i) {
        return items[i];
    }

    void set(int i, int v) {
        items[i] = v;
    }

    int size() {
        return size;
    }

    void truncate(int newSize) {
        size = newSize;
    }

    /** Removes the first occurrence of {@code v}, not keeping order; returns whether it was there. */
    boolean removeValue(int v) {
        for (int i = 0; i < size; i++) {
            if (items[i] == v) {
                items[i] = items[--size];
                return true;
            }
        }
        return false;
    }

    int[] toArray() {
        return Arrays.copyOf(items, size);
    }
}
