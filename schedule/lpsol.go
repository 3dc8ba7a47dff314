package schedule

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// ReadCBCSolution turns a solution file written by CBC's `solu` command for the model of
// WriteLP back into a Solution of inst, so that the checker can judge what CBC found.
func ReadCBCSolution(r io.Reader, inst *Instance) (*Solution, error) {
	if err := inst.Validate(); err != nil {
		return nil, err
	}
	sol := &Solution{Groups: map[string][]string{}, Individual: []Session{}}
	for _, g := range inst.Groups {
		sol.Groups[g.ID] = []string{}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	first := true
	for sc.Scan() {
		line := sc.Text()
		if first {
			first = false
			if i := strings.Index(line, "objective value"); i >= 0 {
				v, err := strconv.ParseFloat(strings.TrimSpace(line[i+len("objective value"):]), 64)
				if err == nil {
					sol.Objective = int(math.Round(v))
				}
				continue
			}
		}
		f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(line), "**"))
		if len(f) < 3 {
			continue
		}
		v, err := strconv.ParseFloat(f[2], 64)
		if err != nil || math.Round(v) != 1 {
			continue
		}
		idx := strings.Split(f[1], "_")
		n := make([]int, len(idx)-1)
		for i, x := range idx[1:] {
			if n[i], err = strconv.Atoi(x); err != nil {
				return nil, fmt.Errorf("read cbc solution: bad variable %q", f[1])
			}
		}
		switch {
		case idx[0] == "x" && len(n) == 2 && n[0] < len(inst.Clients) && n[1] < len(inst.Groups):
			g := inst.Groups[n[1]].ID
			sol.Groups[g] = append(sol.Groups[g], inst.Clients[n[0]].ID)
		case idx[0] == "y" && len(n) == 3 && n[0] < len(inst.Clients) && n[1] < len(inst.Clinicians) && n[2] < len(inst.HourSlots):
			sol.Individual = append(sol.Individual, Session{Client: inst.Clients[n[0]].ID,
				Clinician: inst.Clinicians[n[1]].ID, Slot: inst.HourSlots[n[2]]})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read cbc solution: %w", err)
	}
	return sol, nil
}
