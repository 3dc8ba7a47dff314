package schedule

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"time"
)

// Options steer Solve. The zero value solves from scratch with seed 0 until the search stops
// improving.
type Options struct {
	// Seed makes the search reproducible: the same instance, options and seed give the same
	// solution when no time limit cuts the search short.
	Seed uint64
	// TimeLimit ends the search; zero means run until it stops improving (see Patience).
	// With a time limit and no Patience the search uses all of the time.
	TimeLimit time.Duration
	// Previous is last week's (or the current) solution: the search starts from what of it is
	// still feasible, and with Stability > 0 rewards keeping it.
	Previous *Solution
	// Stability is the bonus, in objective units, for each group membership, clinician and
	// session slot kept from Previous. It steers the search; the reported objective excludes it.
	Stability int
	// Orphans are clients whose clinician left; Fairness is the penalty for the r-th of them
	// that one clinician receives, times r-1, so that they are spread evenly.
	Orphans  []string
	Fairness int
	// Patience is how many consecutive neighbourhoods without improvement end the search;
	// zero means a default that grows with the instance.
	Patience int
}

// Stats describe a run of Solve.
type Stats struct {
	Initial      int           `json:"initial_objective"`
	Objective    int           `json:"objective"`
	Iterations   int           `json:"iterations"`
	Improvements int           `json:"improvements"`
	Elapsed      time.Duration `json:"elapsed_ns"`
	StoppedBy    string        `json:"stopped_by"` // "time_limit", "no_improvement" or "context"
}

// Solve returns a feasible solution of inst found by greedy construction followed by large
// neighbourhood search, and what the run did. It returns an EINVALID error for an invalid
// instance or previous solution.
func Solve(ctx context.Context, inst *Instance, opt Options) (*Solution, Stats, error) {
	start := time.Now()
	if err := inst.Validate(); err != nil {
		return nil, Stats{}, err
	}
	m := newModel(inst)
	stab, err := newStability(m, opt)
	if err != nil {
		return nil, Stats{}, err
	}
	st := newState(m, stab)
	rng := rand.New(rand.NewPCG(opt.Seed, 0x5ca1ab1e))
	in := &inserter{rng: rng}
	construct(st, rng, in, opt.Previous)
	stats := Stats{Initial: st.obj}

	var deadline time.Time
	if opt.TimeLimit > 0 {
		deadline = start.Add(opt.TimeLimit)
	}
	patience := opt.Patience
	switch {
	case patience <= 0 && opt.TimeLimit > 0:
		patience = math.MaxInt // the caller gave the time: use it
	case patience <= 0:
		patience = 5000 + 20*len(inst.Clients)
	}
	s := &search{st: st, rng: rng, in: in}
	stall := 0
	for stats.StoppedBy == "" {
		if stats.Iterations%32 == 0 {
			switch {
			case ctx.Err() != nil:
				stats.StoppedBy = "context"
			case !deadline.IsZero() && time.Now().After(deadline):
				stats.StoppedBy = "time_limit"
			}
		}
		if stall >= patience {
			stats.StoppedBy = "no_improvement"
		}
		if stats.StoppedBy != "" {
			break
		}
		stats.Iterations++
		if s.step() {
			stats.Improvements++
			stall = 0
		} else {
			stall++
		}
	}
	sol := st.solution()
	stats.Objective, stats.Elapsed = st.obj, time.Since(start)
	if r, err := Check(inst, sol); err != nil || !r.Feasible || r.Objective != st.obj {
		return nil, stats, fmt.Errorf("solve: internal check failed: %+v %v", r, err)
	}
	return sol, stats, nil
}

// construct builds the first solution. From scratch, clients are inserted hardest first (few
// usable groups and clinicians), each with sessions only with their current clinician, and then
// everyone still without sessions gets the best ones left. From a previous solution, everyone
// keeps what still fits and only the others are inserted.
func construct(st *state, rng *rand.Rand, in *inserter, prev *Solution) {
	m := st.m
	C := len(m.cAvail)
	order := rng.Perm(C)
	key := make([]int, C)
	for c := range C {
		key[c] = len(m.cElig[c])*4 + len(m.cClinList[c])
	}
	sortByKey(order, key)
	if prev != nil {
		redo := restorePrevious(st)
		for _, c := range order {
			if redo[c] {
				st.clear(c)
				st.insertBest(c, in)
			}
		}
		return
	}
	in.onlyCurrent = true
	for _, c := range order {
		st.insertBest(c, in)
	}
	in.onlyCurrent = false
	for _, c := range order {
		if len(st.sess[c]) == 0 && m.cReqInd[c] > 0 {
			st.addBestSessions(c, in)
		}
	}
}

// complete reports whether client c has all the group minutes and sessions they need.
func complete(st *state, c int) bool {
	m := st.m
	return st.minutes[c] >= m.cReqMin[c] && len(st.sess[c]) >= m.cReqInd[c] && (m.cCur[c] < 0 || st.clin[c] == m.cCur[c])
}

// sortByKey sorts order by increasing key, keeping the order of equal keys.
func sortByKey(order, key []int) {
	tmp := make([]int, len(order))
	copy(tmp, order)
	// Counting sort: keys are small.
	maxKey := 0
	for _, k := range key {
		maxKey = max(maxKey, k)
	}
	count := make([]int, maxKey+2)
	for _, c := range tmp {
		count[key[c]+1]++
	}
	for i := 1; i < len(count); i++ {
		count[i] += count[i-1]
	}
	for _, c := range tmp {
		order[count[key[c]]] = c
		count[key[c]]++
	}
}
