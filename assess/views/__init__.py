"""What the terminal shows: rich consoles, tables and progress, as pure renderables.
May import team, files, the method and the ground; never the workshop or the CLI."""
