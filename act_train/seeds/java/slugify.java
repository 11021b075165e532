class Slugs {
    // "  Hello, World! 2024 " -> "hello-world-2024"; runs of other characters become one dash
    static String slugify(String title, int maxLength) {
        if (maxLength <= 0) throw new IllegalArgumentException("maxLength must be positive");
        StringBuilder out = new StringBuilder();
        boolean dash = false;
        for (char c : title.toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                if (dash && out.length() > 0) out.append('-');
                out.append(Character.toLowerCase(c));
                dash = false;
            } else {
                dash = true;
            }
        }
        String slug = out.toString();
        if (slug.length() > maxLength) {
            slug = slug.substring(0, maxLength);
            while (slug.endsWith("-")) slug = slug.substring(0, slug.length() - 1);
        }
        return slug;
    }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        check(Slugs.slugify("  Hello, World! 2024 ", 50).equals("hello-world-2024"), "basic");
        check(Slugs.slugify("A--B__C", 50).equals("a-b-c"), "runs collapse");
        check(Slugs.slugify("!!!", 10).equals(""), "nothing left");
        check(Slugs.slugify("Release Notes v2", 12).equals("release-note"), "cut");
        check(Slugs.slugify("ab cd", 3).equals("ab"), "no trailing dash after cut");
        check(Slugs.slugify("x", 1).equals("x"), "one");
        boolean threw = false;
        try { Slugs.slugify("x", 0); } catch (IllegalArgumentException e) { threw = true; }
        check(threw, "bad length");
    }
}
