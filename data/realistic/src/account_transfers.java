import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

class TransferException extends Exception {
    TransferException(String message) { super(message); }
}

/** Accounts keyed by id with balances in cents; transfers are all-or-nothing and kept in a journal. */
class AccountTransfers {
    private final Map<String, Long> balances = new TreeMap<>();
    private final List<String> journal = new ArrayList<>();
    private final long overdraftLimit;

    AccountTransfers(long overdraftLimit) {
        if (overdraftLimit < 0) throw new IllegalArgumentException("negative overdraft limit");
        this.overdraftLimit = overdraftLimit;
    }

    void open(String id, long cents) {
        if (balances.containsKey(id)) throw new IllegalStateException("account " + id + " exists");
        if (cents < 0) throw new IllegalArgumentException("negative opening balance");
        balances.put(id, cents);
        journal.add("open " + id + " " + cents);
    }

    long balance(String id) throws TransferException {
        Long cents = balances.get(id);
        if (cents == null) throw new TransferException("no account " + id);
        return cents;
    }

    void transfer(String from, String to, long cents) throws TransferException {
        if (cents <= 0) throw new TransferException("amount must be positive");
        if (from.equals(to)) throw new TransferException("same account");
        long available = balance(from) + overdraftLimit;
        long target = balance(to);
        if (cents > available) throw new TransferException("insufficient funds in " + from);
        balances.put(from, balances.get(from) - cents);
        balances.put(to, target + cents);
        journal.add(from + " -> " + to + " " + cents);
    }

    long total() {
        long sum = 0;
        for (long cents : balances.values()) sum += cents;
        return sum;
    }

    List<String> overdrawn() {
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, Long> e : balances.entrySet()) {
            if (e.getValue() < 0) ids.add(e.getKey());
        }
        return ids;
    }

    List<String> lastEntries(int n) {
        if (n < 0) throw new IllegalArgumentException("negative count");
        return new ArrayList<>(journal.subList(Math.max(0, journal.size() - n), journal.size()));
    }
}
