#include <stdexcept>
#include <vector>
using namespace std;

class RingBuffer {
    vector<int> data;
    size_t head = 0, count = 0;
public:
    explicit RingBuffer(size_t capacity) : data(capacity) {
        if (capacity == 0) throw invalid_argument("capacity must be positive");
    }
    bool push(int value) {
        if (count == data.size()) return false;
        data[(head + count) % data.size()] = value;
        count++;
        return true;
    }
    int pop() {
        if (count == 0) throw underflow_error("empty");
        int value = data[head];
        head = (head + 1) % data.size();
        count--;
        return value;
    }
    size_t size() const { return count; }
    int sum() const {
        int total = 0;
        for (size_t i = 0; i < count; i++) total += data[(head + i) % data.size()];
        return total;
    }
};
// ---- tests ----
#include <cassert>
int main() {
    RingBuffer rb(3);
    assert(rb.push(1) && rb.push(2) && rb.push(3));
    assert(!rb.push(4));
    assert(rb.size() == 3 && rb.sum() == 6);
    assert(rb.pop() == 1);
    assert(rb.push(10));
    assert(rb.sum() == 15);
    assert(rb.pop() == 2 && rb.pop() == 3 && rb.pop() == 10);
    assert(rb.size() == 0 && rb.sum() == 0);
    bool thrown = false;
    try { rb.pop(); } catch (const underflow_error&) { thrown = true; }
    assert(thrown);
    thrown = false;
    try { RingBuffer bad(0); } catch (const invalid_argument&) { thrown = true; }
    assert(thrown);
    return 0;
}
