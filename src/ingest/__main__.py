from ingest.console import main

# Guarded: multiprocessing imports the main module again in the worker processes it starts.
if __name__ == "__main__":
    main()
