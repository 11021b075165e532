#include <stdexcept>
#include <string>
#include <vector>
using namespace std;

class TaskQueue {
    vector<pair<int, string>> tasks;  // (priority, name), kept in insertion order
public:
    void add(const string& name, int priority) {
        if (priority < 1 || priority > 5) throw out_of_range("priority must be 1..5");
        tasks.push_back({priority, name});
    }
    // highest priority first; among equals, the oldest
    string pop_highest() {
        if (tasks.empty()) throw runtime_error("no tasks");
        size_t best = 0;
        for (size_t i = 1; i < tasks.size(); i++)
            if (tasks[i].first > tasks[best].first) best = i;
        string name = tasks[best].second;
        tasks.erase(tasks.begin() + best);
        return name;
    }
    int count_at_least(int priority) const {
        int n = 0;
        for (const auto& t : tasks) if (t.first >= priority) n++;
        return n;
    }
    size_t size() const { return tasks.size(); }
};
// ---- tests ----
#include <cassert>
int main() {
    TaskQueue q;
    q.add("email", 2); q.add("deploy", 5); q.add("review", 3); q.add("fix", 5);
    assert(q.size() == 4 && q.count_at_least(3) == 3 && q.count_at_least(6) == 0);
    assert(q.pop_highest() == "deploy" && q.pop_highest() == "fix");
    assert(q.pop_highest() == "review" && q.pop_highest() == "email" && q.size() == 0);
    int errors = 0;
    try { q.pop_highest(); } catch (const runtime_error&) { errors++; }
    try { q.add("x", 0); } catch (const out_of_range&) { errors++; }
    try { q.add("x", 6); } catch (const out_of_range&) { errors++; }
    assert(errors == 3);
    q.add("a", 1); q.add("b", 5);
    assert(q.count_at_least(1) == 2 && q.count_at_least(5) == 1);
    return 0;
}
