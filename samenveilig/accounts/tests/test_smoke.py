def test_home_shows_acting_organisation(client, personas, login):
    login(client, personas.professional)
    response = client.get("/")
    assert response.status_code == 200
    assert "Testschool De Linde" in response.content.decode()


def test_anonymous_home_redirects_to_login(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
