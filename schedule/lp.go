package schedule

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteLP writes inst as a mixed-integer program in CPLEX LP format whose optimum is the best
// objective, for CBC or GLPK. Variables are named by 0-based positions in the instance's
// arrays (client c, group g, clinician k, slot s):
//
//	x_c_g    binary: client c is in group g (only for groups rule 1 allows)
//	y_c_k_s  binary: client c has a session with clinician k in slot s (only where rule 4 allows)
//	z_c_k    binary: client c sees clinician k individually (at least one session)
//	m_c      continuous in [0, group_minutes_required]: group minutes counted, ≤ minutes joined
//	o_g      integer ≥ 0: members of group g beyond the target size
//
// Continuity is z_c_k for the client's current clinician k.
func WriteLP(w io.Writer, inst *Instance) error {
	if err := inst.Validate(); err != nil {
		return err
	}
	m := newModel(inst)
	C, G, K, S := len(m.cAvail), len(m.gSlots), len(m.kFree), len(inst.HourSlots)
	wt := m.w
	b := &lpWriter{w: bufio.NewWriterSize(w, 1<<16)}

	// ySlots[c][k] lists the slots where client c may see clinician k.
	ySlots := make([][][]int, C)
	for c := range C {
		ySlots[c] = make([][]int, K)
		if m.cReqInd[c] == 0 {
			continue
		}
		for k := range K {
			if m.kMax[k] == 0 {
				continue
			}
			m.kFree[k].and(m.cAvail[c]).each(func(s int) bool {
				ySlots[c][k] = append(ySlots[c][k], s)
				return true
			})
		}
	}
	hasM := func(c int) bool { return m.cReqMin[c] > 0 && len(m.cElig[c]) > 0 }
	hasO := func(g int) bool {
		return len(m.gElig[g]) > inst.TargetGroupSize && min(len(m.gElig[g]), m.gCap[g]) > inst.TargetGroupSize
	}

	fmt.Fprintf(b.w, "\\ carepath schedule: %d clients, %d clinicians, %d groups, %d slots\n", C, K, G, S)
	b.line("Maximize")
	b.start(" obj:")
	for c := range C {
		if hasM(c) && wt.GroupMinute != 0 {
			b.term(wt.GroupMinute, "m_%d", c)
		}
		for k := range K {
			if len(ySlots[c][k]) == 0 {
				continue
			}
			for _, s := range ySlots[c][k] {
				if wt.IndividualSession != 0 {
					b.term(wt.IndividualSession, "y_%d_%d_%d", c, k, s)
				}
			}
			if k == m.cCur[c] && wt.Continuity != 0 {
				b.term(wt.Continuity, "z_%d_%d", c, k)
			}
		}
	}
	for g := range G {
		if hasO(g) && wt.OverTarget != 0 {
			b.term(-wt.OverTarget, "o_%d", g)
		}
	}
	b.end("")

	b.line("Subject To")
	for g := range G {
		if len(m.gElig[g]) > m.gCap[g] { // rule 2
			b.start(fmt.Sprintf(" cap_%d:", g))
			for _, c := range m.gElig[g] {
				b.term(1, "x_%d_%d", c, g)
			}
			b.end(fmt.Sprintf(" <= %d", m.gCap[g]))
		}
		if hasO(g) {
			b.start(fmt.Sprintf(" over_%d:", g))
			for _, c := range m.gElig[g] {
				b.term(1, "x_%d_%d", c, g)
			}
			b.term(-1, "o_%d", g)
			b.end(fmt.Sprintf(" <= %d", inst.TargetGroupSize))
		}
	}
	for c := range C {
		if hasM(c) {
			b.start(fmt.Sprintf(" min_%d:", c))
			b.term(1, "m_%d", c)
			for _, g := range m.cElig[c] {
				b.term(-m.gMinutes[g], "x_%d_%d", c, g)
			}
			b.end(" <= 0")
		}
		for s := range S { // rule 3
			n := 0
			for _, g := range m.cElig[c] {
				if m.gSlots[g].has(s) {
					n++
				}
			}
			for k := range K {
				if m.kFree[k].and(m.cAvail[c]).has(s) && len(ySlots[c][k]) > 0 {
					n++
				}
			}
			if n < 2 {
				continue
			}
			b.start(fmt.Sprintf(" time_%d_%d:", c, s))
			for _, g := range m.cElig[c] {
				if m.gSlots[g].has(s) {
					b.term(1, "x_%d_%d", c, g)
				}
			}
			for k := range K {
				if len(ySlots[c][k]) > 0 && m.kFree[k].and(m.cAvail[c]).has(s) {
					b.term(1, "y_%d_%d_%d", c, k, s)
				}
			}
			b.end(" <= 1")
		}
		nz := 0
		for k := range K { // rule 5: one clinician, at most the required sessions
			if len(ySlots[c][k]) == 0 {
				continue
			}
			nz++
			b.start(fmt.Sprintf(" link_%d_%d:", c, k))
			for _, s := range ySlots[c][k] {
				b.term(1, "y_%d_%d_%d", c, k, s)
			}
			b.term(-m.cReqInd[c], "z_%d_%d", c, k)
			b.end(" <= 0")
			b.start(fmt.Sprintf(" use_%d_%d:", c, k))
			b.term(1, "z_%d_%d", c, k)
			for _, s := range ySlots[c][k] {
				b.term(-1, "y_%d_%d_%d", c, k, s)
			}
			b.end(" <= 0")
		}
		if nz > 1 {
			b.start(fmt.Sprintf(" one_%d:", c))
			for k := range K {
				if len(ySlots[c][k]) > 0 {
					b.term(1, "z_%d_%d", c, k)
				}
			}
			b.end(" <= 1")
		}
	}
	for k := range K {
		for s := range S { // rule 4: one session per clinician and slot
			var cs []int
			for c := range C {
				if len(ySlots[c][k]) > 0 && m.cAvail[c].has(s) && m.kFree[k].has(s) {
					cs = append(cs, c)
				}
			}
			if len(cs) < 2 {
				continue
			}
			b.start(fmt.Sprintf(" slot_%d_%d:", k, s))
			for _, c := range cs {
				b.term(1, "y_%d_%d_%d", c, k, s)
			}
			b.end(" <= 1")
		}
		var cs []int
		for c := range C {
			if len(ySlots[c][k]) > 0 {
				cs = append(cs, c)
			}
		}
		if len(cs) > m.kMax[k] { // rule 5: caseload
			b.start(fmt.Sprintf(" load_%d:", k))
			for _, c := range cs {
				b.term(1, "z_%d_%d", c, k)
			}
			b.end(fmt.Sprintf(" <= %d", m.kMax[k]))
		}
	}

	b.line("Bounds")
	for c := range C {
		if hasM(c) {
			b.line(fmt.Sprintf(" 0 <= m_%d <= %d", c, m.cReqMin[c]))
		}
	}
	for g := range G {
		if hasO(g) {
			b.line(fmt.Sprintf(" 0 <= o_%d <= %d", g, len(m.gElig[g])))
		}
	}
	b.line("Generals")
	for g := range G {
		if hasO(g) {
			b.line(fmt.Sprintf(" o_%d", g))
		}
	}
	b.line("Binaries")
	for c := range C {
		for _, g := range m.cElig[c] {
			b.line(fmt.Sprintf(" x_%d_%d", c, g))
		}
		for k := range K {
			if len(ySlots[c][k]) == 0 {
				continue
			}
			b.line(fmt.Sprintf(" z_%d_%d", c, k))
			for _, s := range ySlots[c][k] {
				b.line(fmt.Sprintf(" y_%d_%d_%d", c, k, s))
			}
		}
	}
	b.line("End")
	if b.err != nil {
		return fmt.Errorf("write lp: %w", b.err)
	}
	if err := b.w.Flush(); err != nil {
		return fmt.Errorf("write lp: %w", err)
	}
	return nil
}

// lpWriter writes LP expressions, wrapping long lines.
type lpWriter struct {
	w     *bufio.Writer
	col   int
	terms int
	err   error
}

func (b *lpWriter) line(s string) {
	if _, err := b.w.WriteString(s + "\n"); err != nil && b.err == nil {
		b.err = err
	}
}

func (b *lpWriter) start(label string) {
	b.w.WriteString(label)
	b.col, b.terms = len(label), 0
}

func (b *lpWriter) term(coef int, format string, args ...any) {
	name := fmt.Sprintf(format, args...)
	var t string
	switch {
	case coef == 1:
		t = " + " + name
	case coef == -1:
		t = " - " + name
	case coef < 0:
		t = fmt.Sprintf(" - %d %s", -coef, name)
	default:
		t = fmt.Sprintf(" + %d %s", coef, name)
	}
	if b.terms == 0 {
		t = strings.Replace(t, " + ", " ", 1)
	}
	if b.col+len(t) > 200 {
		b.w.WriteString("\n")
		b.col = 0
	}
	b.w.WriteString(t)
	b.col += len(t)
	b.terms++
}

func (b *lpWriter) end(rhs string) {
	if b.terms == 0 { // an empty objective: CBC and GLPK want some expression
		b.w.WriteString(" 0 x_none")
	}
	b.line(rhs)
}
