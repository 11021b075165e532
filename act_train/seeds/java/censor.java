import java.util.*;

class Censor {
    // whole words only, case-insensitive; a censored word keeps its first letter: "darn" -> "d***"
    static String censor(String text, List<String> banned) {
        Set<String> bad = new HashSet<>();
        for (String b : banned) bad.add(b.toLowerCase());
        StringBuilder out = new StringBuilder();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            if (Character.isLetter(c)) {
                word.append(c);
                continue;
            }
            String w = word.toString();
            if (!w.isEmpty() && bad.contains(w.toLowerCase())) out.append(w.charAt(0)).append("*".repeat(w.length() - 1));
            else out.append(w);
            word.setLength(0);
            if (i < text.length()) out.append(c);
        }
        return out.toString();
    }

    static int countBanned(String text, List<String> banned) {
        return (int) censor(text, banned).chars().filter(c -> c == '*').count();
    }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        java.util.List<String> banned = java.util.List.of("darn", "heck");
        check(Censor.censor("Darn it, what the heck!", banned).equals("D*** it, what the h***!"), "basic");
        check(Censor.censor("darnit heckle", banned).equals("darnit heckle"), "whole words only");
        check(Censor.censor("", banned).equals("") && Censor.censor("ok", java.util.List.of()).equals("ok"), "empty");
        check(Censor.countBanned("darn darn", banned) == 6, "stars");
        check(Censor.censor("x-heck-y", banned).equals("x-h***-y"), "punctuation separates");
    }
}
