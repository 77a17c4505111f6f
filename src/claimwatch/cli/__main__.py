"""``python -m claimwatch.cli``: the same command as the ``claimwatch`` console script."""
from claimwatch.cli import main

if __name__ == "__main__":
    main()
