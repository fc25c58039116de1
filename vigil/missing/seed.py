def seed_missing(ctx):
    pass
