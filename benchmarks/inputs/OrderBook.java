import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

class RejectedOrderException extends Exception {
    RejectedOrderException(String message) { super(message); }
}

/**
 * A limit order book for one instrument. Buy orders match the lowest asks at or below their price, sell orders
 * the highest bids at or above theirs; what is left rests in the book. Prices are in cents, quantities in lots.
 */
public class OrderBook {
    private final TreeMap<Long, List<long[]>> bids = new TreeMap<>();
    private final TreeMap<Long, List<long[]>> asks = new TreeMap<>();
    private final List<String> trades = new ArrayList<>();
    private final long tickSize;
    private long nextId = 1;
    private long volume;

    public OrderBook(long tickSize) {
        if (tickSize <= 0) throw new IllegalArgumentException("tick size must be positive");
        this.tickSize = tickSize;
    }

    /** Places an order; returns its id. The unmatched rest of a limit order rests in the book. */
    public long place(boolean buy, long price, long quantity) throws RejectedOrderException {
        if (quantity <= 0) throw new RejectedOrderException("quantity must be positive");
        if (price <= 0 || price % tickSize != 0) throw new RejectedOrderException("price off the tick grid: " + price);
        long id = nextId++;
        long left = match(buy, price, quantity, id);
        if (left > 0) {
            TreeMap<Long, List<long[]>> side = buy ? bids : asks;
            side.computeIfAbsent(price, p -> new ArrayList<>()).add(new long[] {id, left});
        }
        return id;
    }

    private long match(boolean buy, long price, long quantity, long id) {
        TreeMap<Long, List<long[]>> other = buy ? asks : bids;
        long left = quantity;
        while (left > 0 && !other.isEmpty()) {
            Map.Entry<Long, List<long[]>> best = buy ? other.firstEntry() : other.lastEntry();
            if (buy ? best.getKey() > price : best.getKey() < price) break;
            List<long[]> queue = best.getValue();
            while (left > 0 && !queue.isEmpty()) {
                long[] resting = queue.get(0);
                long filled = Math.min(left, resting[1]);
                resting[1] -= filled;
                left -= filled;
                volume += filled;
                trades.add(filled + "@" + best.getKey() + " #" + (buy ? id : resting[0]) + "<-#" + (buy ? resting[0] : id));
                if (resting[1] == 0) queue.remove(0);
            }
            if (queue.isEmpty()) other.remove(best.getKey());
        }
        return left;
    }

    /** Cancels a resting order; returns the quantity that was still open, 0 when it is not in the book. */
    public long cancel(long id) {
        for (TreeMap<Long, List<long[]>> side : List.of(bids, asks)) {
            for (Map.Entry<Long, List<long[]>> level : side.entrySet()) {
                for (int i = 0; i < level.getValue().size(); i++) {
                    long[] order = level.getValue().get(i);
                    if (order[0] == id) {
                        level.getValue().remove(i);
                        if (level.getValue().isEmpty()) side.remove(level.getKey());
                        return order[1];
                    }
                }
            }
        }
        return 0;
    }

    public long bestBid() {
        return bids.isEmpty() ? -1 : bids.lastKey();
    }

    public long bestAsk() {
        return asks.isEmpty() ? -1 : asks.firstKey();
    }

    public long spread() {
        if (bids.isEmpty() || asks.isEmpty()) return -1;
        return asks.firstKey() - bids.lastKey();
    }

    public long depth(boolean buy, long price) {
        List<long[]> level = (buy ? bids : asks).get(price);
        long total = 0;
        if (level != null) {
            for (long[] order : level) total += order[1];
        }
        return total;
    }

    public long volume() {
        return volume;
    }

    public List<String> lastTrades(int n) {
        if (n < 0) throw new IllegalArgumentException("negative count");
        return new ArrayList<>(trades.subList(Math.max(0, trades.size() - n), trades.size()));
    }

    public List<String> ladder(int levels) {
        List<String> lines = new ArrayList<>();
        int shown = 0;
        for (Long price : asks.descendingKeySet()) {
            if (shown++ >= levels) break;
            lines.add(0, "ask " + price + " x" + depth(false, price));
        }
        shown = 0;
        for (Long price : bids.descendingKeySet()) {
            if (shown++ >= levels) break;
            lines.add("bid " + price + " x" + depth(true, price));
        }
        return lines;
    }
}
