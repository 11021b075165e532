class Isbn {
    // ISBN-10: 9 digits and a check digit (0-9 or X); dashes and spaces are ignored
    static boolean isValid10(String text) {
        String s = text.replace("-", "").replace(" ", "");
        if (s.length() != 10) return false;
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            char c = s.charAt(i);
            int v;
            if (c == 'X' && i == 9) v = 10;
            else if (Character.isDigit(c)) v = c - '0';
            else return false;
            sum += (10 - i) * v;
        }
        return sum % 11 == 0;
    }

    static char checkDigit(String first9) {
        if (first9.length() != 9) throw new IllegalArgumentException("need 9 digits");
        int sum = 0;
        for (int i = 0; i < 9; i++) sum += (10 - i) * (first9.charAt(i) - '0');
        int d = (11 - sum % 11) % 11;
        return d == 10 ? 'X' : (char) ('0' + d);
    }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        check(Isbn.isValid10("0-306-40615-2"), "valid");
        check(!Isbn.isValid10("0-306-40615-3"), "wrong check digit");
        check(Isbn.isValid10("0-8044-2957-X"), "X check digit");
        check(!Isbn.isValid10("X-8044-2957-0") && !Isbn.isValid10("12345"), "X only last; length");
        check(Isbn.checkDigit("030640615") == '2' && Isbn.checkDigit("080442957") == 'X', "check digits");
        check(Isbn.checkDigit("000000000") == '0', "zeros");
        boolean threw = false;
        try { Isbn.checkDigit("12"); } catch (IllegalArgumentException e) { threw = true; }
        check(threw, "short");
    }
}
