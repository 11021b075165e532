class Versions {
    // "1.2.10" > "1.2.9"; missing parts count as 0, so "1.0" equals "1"
    static int compare(String a, String b) {
        String[] pa = a.split("\\."), pb = b.split("\\.");
        int n = Math.max(pa.length, pb.length);
        for (int i = 0; i < n; i++) {
            int x = i < pa.length ? part(pa[i]) : 0;
            int y = i < pb.length ? part(pb[i]) : 0;
            if (x != y) return x < y ? -1 : 1;
        }
        return 0;
    }

    private static int part(String s) {
        if (s.isEmpty() || !s.chars().allMatch(Character::isDigit)) throw new IllegalArgumentException("bad part: " + s);
        return Integer.parseInt(s);
    }

    static String bumpMinor(String version) {
        String[] p = version.split("\\.");
        int major = part(p[0]);
        int minor = p.length > 1 ? part(p[1]) : 0;
        return major + "." + (minor + 1) + ".0";
    }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        check(Versions.compare("1.2.10", "1.2.9") == 1 && Versions.compare("1.2.9", "1.2.10") == -1, "numeric");
        check(Versions.compare("1.0", "1") == 0 && Versions.compare("2", "1.9.9") == 1, "missing parts");
        check(Versions.compare("0.0.1", "0.0.0") == 1 && Versions.compare("3.1", "3.1.0.0") == 0, "more");
        check(Versions.bumpMinor("1.4.7").equals("1.5.0") && Versions.bumpMinor("2").equals("2.1.0"), "bump");
        int errors = 0;
        for (String bad : new String[] {"1..2", "1.a", ""}) {
            try { Versions.compare(bad, "1"); } catch (IllegalArgumentException e) { errors++; }
        }
        check(errors == 3, "bad versions");
    }
}
