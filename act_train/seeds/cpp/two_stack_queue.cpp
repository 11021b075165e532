#include <stdexcept>
#include <vector>
using namespace std;

class TwoStackQueue {
    vector<int> in, out;
    int moves = 0;
    void shift() {
        if (out.empty())
            while (!in.empty()) { out.push_back(in.back()); in.pop_back(); moves++; }
    }
public:
    void push(int v) { in.push_back(v); }
    int pop() {
        shift();
        if (out.empty()) throw underflow_error("queue is empty");
        int v = out.back();
        out.pop_back();
        return v;
    }
    int front() {
        shift();
        if (out.empty()) throw underflow_error("queue is empty");
        return out.back();
    }
    size_t size() const { return in.size() + out.size(); }
    // how many queued values are at least `threshold`
    int count_at_least(int threshold) const {
        int n = 0;
        for (int v : in) if (v >= threshold) n++;
        for (int v : out) if (v >= threshold) n++;
        return n;
    }
    int moves_made() const { return moves; }
};
// ---- tests ----
#include <cassert>
int main() {
    TwoStackQueue q;
    q.push(1); q.push(2); q.push(3);
    assert(q.size() == 3 && q.front() == 1 && q.moves_made() == 3);
    assert(q.pop() == 1);
    q.push(4);
    assert(q.count_at_least(3) == 2 && q.count_at_least(2) == 3 && q.count_at_least(5) == 0);
    assert(q.pop() == 2 && q.pop() == 3 && q.pop() == 4 && q.size() == 0);
    assert(q.moves_made() == 4);
    int errors = 0;
    try { q.pop(); } catch (const underflow_error&) { errors++; }
    try { q.front(); } catch (const underflow_error&) { errors++; }
    assert(errors == 2);
    return 0;
}
