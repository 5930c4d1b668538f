package cli

import (
	"context"
	"fmt"

	"lapse/app/demo"
	"lapse/app/paths"
)

func init() {
	register("demo", "write a sample journal into a new file (--size small|large, --lang en|ja)", runDemo)
}

func runDemo(ctx context.Context, env Env, args []string) error {
	flags, dbFlag := newFlags("demo", env)
	size := flags.String("size", "small", "small (a year, a few services) or large (a decade of heavy use)")
	lng := flags.String("lang", "en", "language of the sample's names: en or ja")
	if _, err := parse(flags, args); err != nil {
		return err
	}
	sz, err := demo.ParseSize(*size)
	if err != nil {
		return usageError{fmt.Sprintf("--size %q: want small or large", *size)}
	}
	if *lng != "en" && *lng != "ja" {
		return usageError{fmt.Sprintf("--lang %q: want en or ja", *lng)}
	}
	path, err := paths.Resolve(*dbFlag)
	if err != nil {
		return err
	}
	if err := demo.WriteFile(ctx, path, sz, *lng, env.Now()); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Wrote a %s sample journal to %s\n", sz, path)
	return nil
}
