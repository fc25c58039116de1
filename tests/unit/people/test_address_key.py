from vigil.people.matching import address_match_key


def test_spellings_of_one_address_share_a_key():
    assert address_match_key("14 Elm Road", "MD1 1AA") == address_match_key("14, ELM RD", "md11aa")


def test_house_and_flat_numbers_are_kept():
    assert address_match_key("14 Elm Road", "MD1 1AA") != address_match_key("16 Elm Road", "MD1 1AA")
    assert address_match_key("Flat 2, 14 Elm Road", "MD1 1AA") != address_match_key("Flat 3, 14 Elm Road", "MD1 1AA")
