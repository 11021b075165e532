import java.util.*;

class PasswordPolicy {
    static List<String> violations(String password, int minLength) {
        List<String> out = new ArrayList<>();
        if (password.length() < minLength) out.add("too short");
        boolean upper = false, lower = false, digit = false, space = false;
        for (char c : password.toCharArray()) {
            if (Character.isUpperCase(c)) upper = true;
            else if (Character.isLowerCase(c)) lower = true;
            else if (Character.isDigit(c)) digit = true;
            else if (c == ' ') space = true;
        }
        if (!upper) out.add("no uppercase letter");
        if (!lower) out.add("no lowercase letter");
        if (!digit) out.add("no digit");
        if (space) out.add("contains a space");
        return out;
    }

    static boolean acceptable(String password) {
        return violations(password, 8).isEmpty();
    }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        check(PasswordPolicy.acceptable("Secret123"), "good");
        check(!PasswordPolicy.acceptable("Secret12 3"), "space");
        check(PasswordPolicy.violations("abc", 8).equals(java.util.List.of("too short", "no uppercase letter",
            "no digit")), "several");
        check(PasswordPolicy.violations("ABCDEFGH1", 8).equals(java.util.List.of("no lowercase letter")), "lower");
        check(PasswordPolicy.violations("Abcdefg1", 8).isEmpty(), "exactly min length");
        check(PasswordPolicy.violations("Abcdefg1", 9).equals(java.util.List.of("too short")), "longer min");
        check(PasswordPolicy.violations("", 0).size() == 3, "empty");
    }
}
