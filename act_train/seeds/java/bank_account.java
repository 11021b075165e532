class InsufficientFundsException extends Exception {
    InsufficientFundsException(String message) { super(message); }
}

class BankAccount {
    private final String owner;
    private long balanceCents;

    BankAccount(String owner, long openingCents) {
        if (openingCents < 0) throw new IllegalArgumentException("negative opening balance");
        this.owner = owner;
        this.balanceCents = openingCents;
    }

    long balance() { return balanceCents; }

    void deposit(long cents) {
        if (cents <= 0) throw new IllegalArgumentException("deposit must be positive");
        balanceCents += cents;
    }

    void withdraw(long cents) throws InsufficientFundsException {
        if (cents > balanceCents) throw new InsufficientFundsException(owner + " has only " + balanceCents);
        balanceCents -= cents;
    }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) throws Exception {
        BankAccount a = new BankAccount("ann", 1000);
        a.deposit(250);
        check(a.balance() == 1250, "deposit");
        a.withdraw(1250);
        check(a.balance() == 0, "withdraw all");
        boolean refused = false;
        try { a.withdraw(1); } catch (InsufficientFundsException e) { refused = e.getMessage().contains("ann"); }
        check(refused, "overdraft refused with the owner's name");
        boolean bad = false;
        try { a.deposit(0); } catch (IllegalArgumentException e) { bad = true; }
        check(bad, "zero deposit rejected");
        try { new BankAccount("bob", -1); check(false, "negative opening"); } catch (IllegalArgumentException e) { }
        BankAccount z = new BankAccount("zed", 0);
        z.deposit(1);
        check(z.balance() == 1, "an account may open empty and take one cent");
        z.withdraw(1);
        check(z.balance() == 0, "withdraw to zero");
    }
}
