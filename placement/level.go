package placement

import "github.com/carepath/carepath"

// rank is a level of care as its place in carepath.Levels, from 0 (none) to 5 (inpatient), and
// rankUnknown for no level or an unknown one. The engine compares ranks, small integers, and
// turns them back into levels only for its answer.
type rank int8

// The ranks, in carepath.Levels order.
const (
	rankUnknown rank = iota - 1
	rankNone
	rankOutpatient
	rankIOP
	rankPHP
	rankResidential
	rankInpatient
)

// levelOfRank is the level of each rank.
var levelOfRank = [...]carepath.Level{
	rankNone:        carepath.LevelNone,
	rankOutpatient:  carepath.LevelOutpatient,
	rankIOP:         carepath.LevelIOP,
	rankPHP:         carepath.LevelPHP,
	rankResidential: carepath.LevelResidential,
	rankInpatient:   carepath.LevelInpatient,
}

// rankOf returns the rank of level l: the same order as l.Rank(), without its string loop.
func rankOf(l carepath.Level) rank {
	switch l {
	case carepath.LevelNone:
		return rankNone
	case carepath.LevelOutpatient:
		return rankOutpatient
	case carepath.LevelIOP:
		return rankIOP
	case carepath.LevelPHP:
		return rankPHP
	case carepath.LevelResidential:
		return rankResidential
	case carepath.LevelInpatient:
		return rankInpatient
	}
	return rankUnknown
}

// level returns the level of r, which must not be rankUnknown.
func (r rank) level() carepath.Level { return levelOfRank[r] }

// What carepath says about each level and dimension, looked up once instead of in its maps on
// every recommendation.
var (
	levelNames, asamLevels = func() (names, asam [len(levelOfRank)]string) {
		for r, l := range levelOfRank {
			names[r], asam[r] = l.Name(), l.ASAMLevel()
		}
		return names, asam
	}()
	dimensionNames = func() (names [6]string) {
		for i, d := range carepath.Dimensions {
			names[i] = d.Name()
		}
		return names
	}()
)
