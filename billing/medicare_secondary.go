package billing

// RuleMedicareSecondaryType holds a claim to Medicare as the secondary payer whose coverage does
// not say why Medicare pays second.
const RuleMedicareSecondaryType = "medicare_secondary_type"

// CheckMedicareSecondary holds a claim to Medicare billed on a coverage of rank (1 primary, 2
// secondary) when Medicare is not the primary payer and secondaryType, the insurance type code
// Medicare's claim must then carry (SBR05), is not recorded. Medicare rejects such a claim, and
// the code cannot be guessed: it says which law makes the other payer primary.
func CheckMedicareSecondary(rank int, secondaryType string) []Hold {
	if rank == 1 || secondaryType != "" {
		return nil
	}
	return []Hold{{Rule: RuleMedicareSecondaryType, Reason: "Medicare is this client's secondary payer, and the coverage does not say why Medicare pays second (the Medicare secondary payer type its claims carry)"}}
}
