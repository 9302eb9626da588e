package main

import (
	"errors"
	"flag"
	"fmt"
	"strings"
)

// parseArgs parses the flags of a command wherever they stand on its
// command line, before, between or after its arguments, as Hugo's and
// Pandoc's commands take them, and returns the arguments in order. "--"
// ends the flags: what follows it is arguments, even when it starts with
// a dash. -h returns flag.ErrHelp, a wrong flag errUsage, each reported
// on the flag set's output.
func parseArgs(fl *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fl.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, errUsage
		}
		rest := fl.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if endedWithDashes(fl, args[:len(args)-len(rest)]) {
			return append(pos, rest...), nil
		}
		// Parse stopped at an argument: keep it, and parse on after it.
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// endedWithDashes reports whether read, the arguments one fl.Parse took
// as flags, ends with a "--" that ends the flags, rather than with a "--"
// given as the value of a flag (--find --).
func endedWithDashes(fl *flag.FlagSet, read []string) bool {
	for i := 0; i < len(read); i++ {
		a := read[i]
		if a == "--" {
			return i == len(read)-1
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if f := fl.Lookup(name); !hasValue && f != nil && !isBoolFlag(f) {
			i++ // its value is the next argument
		}
	}
	return false
}

// isBoolFlag reports whether f takes no value, as -verbose does.
func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// parseFlags parses the flags of a command that takes no arguments (see
// parseArgs): a stray argument is errUsage, reported on the flag set's
// output.
func parseFlags(fl *flag.FlagSet, args []string) error {
	pos, err := parseArgs(fl, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		fmt.Fprintf(fl.Output(), "%s: unexpected argument %q\n", fl.Name(), pos[0])
		return errUsage
	}
	return nil
}
