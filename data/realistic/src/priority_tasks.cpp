#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>
using namespace std;

struct Task {
    string name;
    int priority;
};

// A to-do queue: higher priority first, then first come first served; tasks can be bumped or dropped.
class PriorityTasks {
    vector<Task> tasks;
    int done = 0;

    int index_of(const string& name) const {
        for (size_t i = 0; i < tasks.size(); i++)
            if (tasks[i].name == name) return static_cast<int>(i);
        return -1;
    }

public:
    void add(const string& name, int priority) {
        if (name.empty()) throw invalid_argument("task needs a name");
        if (index_of(name) >= 0) throw logic_error("duplicate task " + name);
        if (priority < 0 || priority > 9) throw invalid_argument("priority must be 0..9");
        auto at = tasks.begin();
        while (at != tasks.end() && at->priority >= priority) ++at;
        tasks.insert(at, Task{name, priority});
    }

    string next() {
        if (tasks.empty()) throw logic_error("nothing to do");
        string name = tasks.front().name;
        tasks.erase(tasks.begin());
        done++;
        return name;
    }

    string peek() const { return tasks.empty() ? "" : tasks.front().name; }

    bool bump(const string& name) {
        int i = index_of(name);
        if (i < 0) return false;
        int priority = min(9, tasks[i].priority + 1);
        tasks.erase(tasks.begin() + i);
        add(name, priority);
        return true;
    }

    bool drop(const string& name) {
        int i = index_of(name);
        if (i < 0) return false;
        tasks.erase(tasks.begin() + i);
        return true;
    }

    vector<string> listing() const {
        vector<string> out;
        for (const Task& t : tasks) out.push_back("[" + to_string(t.priority) + "] " + t.name);
        return out;
    }

    int pending() const { return static_cast<int>(tasks.size()); }

    int completed() const { return done; }
};
