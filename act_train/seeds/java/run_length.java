class RunLength {
    static String encode(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int j = i;
            while (j < s.length() && s.charAt(j) == c) j++;
            out.append(j - i).append(c);
            i = j;
        }
        return out.toString();
    }

    static String decode(String s) {
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (char c : s.toCharArray()) {
            if (Character.isDigit(c)) {
                n = n * 10 + (c - '0');
            } else {
                for (int k = 0; k < n; k++) out.append(c);
                n = 0;
            }
        }
        return out.toString();
    }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        check(RunLength.encode("aaabccdddd").equals("3a1b2c4d"), "encode");
        check(RunLength.encode("").equals(""), "encode empty");
        check(RunLength.decode("3a1b2c4d").equals("aaabccdddd"), "decode");
        check(RunLength.decode("12x").equals("xxxxxxxxxxxx"), "two-digit count");
        check(RunLength.decode(RunLength.encode("zzzzzzzzzzzzzq")).equals("zzzzzzzzzzzzzq"), "round trip");
    }
}
