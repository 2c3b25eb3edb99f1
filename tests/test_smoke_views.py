import pytest


@pytest.mark.django_db
def test_login_page_renders(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert b"Postloom" in response.content


def test_dashboard_for_owner(client_for, owner, business):
    response = client_for(owner).get(f"/b/{business.pk}/")
    assert response.status_code == 200
    assert business.name in response.content.decode()
