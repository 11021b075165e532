import java.util.*;

class MatrixOps {
    static List<List<Integer>> transpose(List<List<Integer>> m) {
        List<List<Integer>> out = new ArrayList<>();
        if (m.isEmpty()) return out;
        int cols = m.get(0).size();
        for (List<Integer> row : m)
            if (row.size() != cols) throw new IllegalArgumentException("ragged matrix");
        for (int c = 0; c < cols; c++) {
            List<Integer> col = new ArrayList<>();
            for (List<Integer> row : m) col.add(row.get(c));
            out.add(col);
        }
        return out;
    }

    static List<Integer> rowSums(List<List<Integer>> m) {
        List<Integer> out = new ArrayList<>();
        for (List<Integer> row : m) {
            int s = 0;
            for (int v : row) s += v;
            out.add(s);
        }
        return out;
    }

    static int trace(List<List<Integer>> m) {
        int t = 0;
        for (int i = 0; i < m.size(); i++) {
            if (m.get(i).size() != m.size()) throw new IllegalArgumentException("not square");
            t += m.get(i).get(i);
        }
        return t;
    }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        java.util.List<java.util.List<Integer>> m = java.util.List.of(java.util.List.of(1, 2, 3), java.util.List.of(4, 5, 6));
        check(MatrixOps.transpose(m).equals(java.util.List.of(java.util.List.of(1, 4), java.util.List.of(2, 5),
              java.util.List.of(3, 6))), "transpose");
        check(MatrixOps.rowSums(m).equals(java.util.List.of(6, 15)), "row sums");
        check(MatrixOps.transpose(java.util.List.of()).isEmpty(), "empty");
        check(MatrixOps.trace(java.util.List.of(java.util.List.of(2, 9), java.util.List.of(9, 3))) == 5, "trace");
        int errors = 0;
        try { MatrixOps.trace(m); } catch (IllegalArgumentException e) { errors++; }
        try { MatrixOps.transpose(java.util.List.of(java.util.List.of(1), java.util.List.of(1, 2))); }
        catch (IllegalArgumentException e) { errors++; }
        check(errors == 2, "errors");
    }
}
