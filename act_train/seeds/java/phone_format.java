class Phones {
    // "555-123 4567" -> "(555) 123-4567"; an 11-digit number must start with country code 1
    static String format(String raw) {
        StringBuilder d = new StringBuilder();
        for (char c : raw.toCharArray()) {
            if (Character.isDigit(c)) d.append(c);
            else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '+' && c != '.')
                throw new IllegalArgumentException("unexpected character '" + c + "'");
        }
        String digits = d.toString();
        if (digits.length() == 11 && digits.charAt(0) == '1') digits = digits.substring(1);
        if (digits.length() != 10) throw new IllegalArgumentException("need 10 digits, got " + digits.length());
        if (digits.charAt(0) == '0' || digits.charAt(0) == '1') throw new IllegalArgumentException("bad area code");
        return "(" + digits.substring(0, 3) + ") " + digits.substring(3, 6) + "-" + digits.substring(6);
    }

    static boolean isTollFree(String raw) {
        String f = format(raw);
        String area = f.substring(1, 4);
        return area.equals("800") || area.equals("888") || area.equals("877");
    }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        check(Phones.format("555-123 4567").equals("(555) 123-4567"), "dashes and spaces");
        check(Phones.format("+1 (212) 555.0100").equals("(212) 555-0100"), "country code");
        check(Phones.isTollFree("1-800-555-0199") && !Phones.isTollFree("2125550100"), "toll free");
        int errors = 0;
        for (String bad : new String[] {"555-1234", "12125550100x", "0125550100", "22125550100", "1125550100"}) {
            try { Phones.format(bad); } catch (IllegalArgumentException e) { errors++; }
        }
        check(errors == 5, "errors: " + errors);
    }
}
