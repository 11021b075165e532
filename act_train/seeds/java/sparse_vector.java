import java.util.*;

class SparseVector {
    private final int size;
    private final TreeMap<Integer, Double> values = new TreeMap<>();

    SparseVector(int size) {
        if (size <= 0) throw new IllegalArgumentException("size must be positive");
        this.size = size;
    }

    void set(int index, double value) {
        if (index < 0 || index >= size) throw new IndexOutOfBoundsException("index " + index);
        if (value == 0.0) values.remove(index); else values.put(index, value);
    }

    double get(int index) {
        if (index < 0 || index >= size) throw new IndexOutOfBoundsException("index " + index);
        return values.getOrDefault(index, 0.0);
    }

    int nonZeros() { return values.size(); }

    double norm() {
        double s = 0;
        for (double v : values.values()) s += v * v;
        return Math.sqrt(s);
    }

    List<Integer> indices() { return new ArrayList<>(values.keySet()); }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        SparseVector v = new SparseVector(100);
        v.set(7, 3.0); v.set(2, 4.0); v.set(50, 0.0);
        check(v.nonZeros() == 2 && v.get(7) == 3.0 && v.get(8) == 0.0, "set and get");
        check(v.norm() == 5.0 && v.indices().equals(java.util.List.of(2, 7)), "norm and order");
        v.set(7, 0.0);
        check(v.nonZeros() == 1 && v.norm() == 4.0, "zero removes");
        int errors = 0;
        try { v.set(100, 1); } catch (IndexOutOfBoundsException e) { errors++; }
        try { v.get(-1); } catch (IndexOutOfBoundsException e) { errors++; }
        try { new SparseVector(0); } catch (IllegalArgumentException e) { errors++; }
        check(errors == 3 && v.get(99) == 0.0 && v.get(0) == 0.0, "bounds");
    }
}
