class HexDump {
    private static final String DIGITS = "0123456789abcdef";

    // "Hi!" -> "48 69 21"
    static String toHex(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            int c = text.charAt(i);
            if (c > 255) throw new IllegalArgumentException("not a Latin-1 character at " + i);
            if (i > 0) out.append(' ');
            out.append(DIGITS.charAt(c / 16)).append(DIGITS.charAt(c % 16));
        }
        return out.toString();
    }

    static String fromHex(String hex) {
        StringBuilder out = new StringBuilder();
        for (String part : hex.trim().split("\\s+")) {
            if (part.isEmpty()) continue;
            if (part.length() != 2) throw new IllegalArgumentException("bad byte " + part);
            int hi = DIGITS.indexOf(Character.toLowerCase(part.charAt(0)));
            int lo = DIGITS.indexOf(Character.toLowerCase(part.charAt(1)));
            if (hi < 0 || lo < 0) throw new IllegalArgumentException("bad byte " + part);
            out.append((char) (hi * 16 + lo));
        }
        return out.toString();
    }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        check(HexDump.toHex("Hi!").equals("48 69 21") && HexDump.toHex("").equals(""), "to hex");
        check(HexDump.toHex("\n\u00ff").equals("0a ff"), "edges");
        check(HexDump.fromHex("48 69 21").equals("Hi!") && HexDump.fromHex(" 4A  4b ").equals("JK"), "from hex");
        check(HexDump.fromHex(HexDump.toHex("round trip")).equals("round trip"), "round trip");
        int errors = 0;
        for (String bad : new String[] {"4", "zz", "123"}) {
            try { HexDump.fromHex(bad); } catch (IllegalArgumentException e) { errors++; }
        }
        try { HexDump.toHex("\u0100"); } catch (IllegalArgumentException e) { errors++; }
        check(errors == 4, "errors");
    }
}
