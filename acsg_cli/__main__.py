from acsg_cli.cli import main

main()
