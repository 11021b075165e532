import java.util.*;

class GradeBook {
    private final Map<String, List<Integer>> scores = new TreeMap<>();

    void addScore(String student, int score) {
        if (score < 0 || score > 100) throw new IllegalArgumentException("score out of range: " + score);
        scores.computeIfAbsent(student, k -> new ArrayList<>()).add(score);
    }

    double average(String student) {
        List<Integer> list = scores.get(student);
        if (list == null) throw new NoSuchElementException("unknown student " + student);
        int sum = 0;
        for (int s : list) sum += s;
        return (double) sum / list.size();
    }

    String letter(String student) {
        double avg = average(student);
        if (avg >= 90) return "A";
        if (avg >= 80) return "B";
        if (avg >= 70) return "C";
        return "F";
    }

    // best average; ties go to the name that sorts first
    String topStudent() {
        String best = null;
        for (String s : scores.keySet()) if (best == null || average(s) > average(best)) best = s;
        if (best == null) throw new NoSuchElementException("no students");
        return best;
    }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        GradeBook g = new GradeBook();
        boolean threw = false;
        try { g.topStudent(); } catch (java.util.NoSuchElementException e) { threw = true; }
        check(threw, "empty book");
        g.addScore("zoe", 90); g.addScore("zoe", 80);
        g.addScore("adam", 85); g.addScore("adam", 85);
        g.addScore("mia", 70); g.addScore("mia", 69);
        check(g.average("zoe") == 85.0 && g.average("mia") == 69.5, "averages");
        check(g.letter("zoe").equals("B") && g.letter("mia").equals("F"), "letters");
        check(g.topStudent().equals("adam"), "tie goes to the first name");
        g.addScore("mia", 100);
        check(g.letter("mia").equals("C"), "C at 79.67");
        g.addScore("ann", 90);
        check(g.letter("ann").equals("A") && g.topStudent().equals("ann"), "A and new top");
        g.addScore("bea", 80); g.addScore("cal", 0); g.addScore("cal", 100);
        check(g.letter("bea").equals("B") && g.average("cal") == 50.0, "B at exactly 80; 0 is a valid score");
        threw = false;
        try { g.addScore("x", 101); } catch (IllegalArgumentException e) { threw = true; }
        check(threw, "range");
        threw = false;
        try { g.average("nobody"); } catch (java.util.NoSuchElementException e) { threw = true; }
        check(threw, "unknown");
    }
}
