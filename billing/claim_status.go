package billing

import "github.com/carepath/carepath"

// SettledStatus derives a claim's status from what a payer's remittance said of it: total is what
// the claim billed, postings the payer's answer line by line (a line it did not answer has no
// posting), denied whether the payer called the whole claim denied. The claim is
//
//   - denied when the payer said so, answered no line, or paid nothing on any line and left
//     nothing to the client either;
//   - partially paid when some line was neither paid nor left to the client (a line denial), or
//     when what was paid, written off as contractual (group CO) and left to the client (PR) adds
//     up to less than the claim billed: a line not answered, or part of a line held back under
//     another adjustment group (OA, PI) that the clinic may still pursue;
//   - paid otherwise: every cent billed is paid, contractually written off or the client's to
//     pay.
func SettledStatus(total carepath.Cents, postings []Posting, denied bool) ClaimStatus {
	if denied || len(postings) == 0 {
		return ClaimDenied
	}
	zero := 0
	var settled carepath.Cents
	for _, p := range postings {
		pr := p.PatientResponsibility()
		if p.Paid == 0 && pr == 0 {
			zero++
		}
		settled += p.Paid + pr + p.Contractual()
	}
	switch {
	case zero == len(postings):
		return ClaimDenied
	case zero > 0 || settled < total:
		return ClaimPartiallyPaid
	}
	return ClaimPaid
}
