"""Products: the list, the product page (edit and photos), delete. Viewers see, editors change."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from postloom.brands.models import Access, Business, Membership
from postloom.brands.selectors import get_business_for_user
from postloom.catalog import actions
from postloom.catalog.actions import PhotosAdded
from postloom.catalog.forms import ProductForm
from postloom.catalog.models import Product
from postloom.catalog.money import default_currency
from postloom.catalog.problems import refusal
from postloom.catalog.selectors import get_product_for_user, products_of


def report_photos(request: HttpRequest, result: PhotosAdded) -> None:
    for name, error in result.refused:
        messages.error(request, refusal(name, error))


def keep_errors(form: Form, error: ValidationError) -> None:
    """Rules checked by the model (and not by the form) show up on the form like its own."""
    form.add_error(None, error)


def read_only(form: Form) -> Form:
    """The form as a viewer sees it: every field disabled, nothing to upload."""
    form.fields.pop("photos", None)
    for field in form.fields.values():
        field.disabled = True
    return form


@login_required
def products(request: HttpRequest, business_id: int) -> HttpResponse:
    business, membership = get_business_for_user(request.user, business_id)
    request.session["business_id"] = business.pk
    context = {
        "business": business,
        "membership": membership,
        "can_edit": membership.allows(Access.EDIT),
        "products": products_of(business),
    }
    return render(request, "catalog/products.html", context)


def _product_page(
    request: HttpRequest,
    business: Business,
    membership: Membership,
    form: ProductForm,
    product: Product | None = None,
) -> HttpResponse:
    can_edit = membership.allows(Access.EDIT)
    context = {
        "business": business,
        "membership": membership,
        "can_edit": can_edit,
        "form": form if can_edit else read_only(form),
        "product": product,
        "photos": list(product.images.all()) if product else [],
        "kind": "products",
    }
    return render(request, "catalog/product_form.html", context)


@login_required
def product_create(request: HttpRequest, business_id: int) -> HttpResponse:
    business, membership = get_business_for_user(request.user, business_id, Access.EDIT)
    initial = {"currency": default_currency(business.language), "active": True}
    form = ProductForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            product = actions.create_product(business, form.product_fields())
        except ValidationError as error:
            keep_errors(form, error)
        else:
            result = actions.add_product_photos(product, form.cleaned_data["photos"])
            report_photos(request, result)
            messages.success(request, _("%(name)s was added.") % {"name": product.name})
            if result.refused:  # stay on the product so the missing photos can be added
                return redirect("catalog_product_edit", business.pk, product.pk)
            return redirect("catalog_products", business.pk)
    return _product_page(request, business, membership, form)


@login_required
def product_edit(request: HttpRequest, business_id: int, product_id: int) -> HttpResponse:
    need = Access.EDIT if request.method == "POST" else Access.VIEW
    product, membership = get_product_for_user(request.user, business_id, product_id, need)
    form = ProductForm(
        request.POST or None, request.FILES or None, initial=ProductForm.initial_from(product)
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_product(product, form.product_fields())
        except ValidationError as error:
            keep_errors(form, error)
        else:
            report_photos(request, actions.add_product_photos(product, form.cleaned_data["photos"]))
            messages.success(request, _("%(name)s was saved.") % {"name": product.name})
            return redirect("catalog_product_edit", business_id, product.pk)
    return _product_page(request, membership.business, membership, form, product)


@login_required
def product_delete(request: HttpRequest, business_id: int, product_id: int) -> HttpResponse:
    product, membership = get_product_for_user(request.user, business_id, product_id, Access.EDIT)
    if request.method == "POST":
        actions.delete_product(product)
        messages.success(request, _("%(name)s was deleted.") % {"name": product.name})
        return redirect("catalog_products", business_id)
    context = {
        "business": membership.business,
        "membership": membership,
        "object": product,
        "photo_count": product.images.count(),
        "cancel_url": "catalog_product_edit",
    }
    return render(request, "catalog/confirm_delete.html", context)
