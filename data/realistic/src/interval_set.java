import java.util.ArrayList;
import java.util.List;

/** Covered ranges of a number line, kept merged: [1,3) + [3,5) is [1,5). */
class IntervalSet {
    private final List<int[]> ranges = new ArrayList<>();

    void add(int start, int end) {
        if (start >= end) throw new IllegalArgumentException("empty range " + start + ".." + end);
        List<int[]> merged = new ArrayList<>();
        int s = start, e = end;
        boolean placed = false;
        for (int[] r : ranges) {
            if (r[1] < s) {
                merged.add(r);
            } else if (e < r[0]) {
                if (!placed) {
                    merged.add(new int[] {s, e});
                    placed = true;
                }
                merged.add(r);
            } else {
                s = Math.min(s, r[0]);
                e = Math.max(e, r[1]);
            }
        }
        if (!placed) merged.add(new int[] {s, e});
        ranges.clear();
        ranges.addAll(merged);
    }

    void remove(int start, int end) {
        List<int[]> kept = new ArrayList<>();
        for (int[] r : ranges) {
            if (r[1] <= start || end <= r[0]) {
                kept.add(r);
                continue;
            }
            if (r[0] < start) kept.add(new int[] {r[0], start});
            if (end < r[1]) kept.add(new int[] {end, r[1]});
        }
        ranges.clear();
        ranges.addAll(kept);
    }

    boolean contains(int point) {
        for (int[] r : ranges) {
            if (r[0] <= point && point < r[1]) return true;
        }
        return false;
    }

    int coveredLength() {
        int total = 0;
        for (int[] r : ranges) total += r[1] - r[0];
        return total;
    }

    int count() {
        return ranges.size();
    }

    String describe() {
        StringBuilder sb = new StringBuilder();
        for (int[] r : ranges) {
            if (sb.length() > 0) sb.append(", ");
            sb.append('[').append(r[0]).append(", ").append(r[1]).append(')');
        }
        return sb.length() == 0 ? "(empty)" : sb.toString();
    }
}
