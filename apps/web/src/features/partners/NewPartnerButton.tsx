import { Button, Modal } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useNavigate } from "react-router";
import { isProblem } from "../../api/client";
import { PartnerForm } from "./PartnerForm";
import { useCreatePartner } from "./partners.api";
import { useCapacityGate } from "./useCapacityGate";

export function NewPartnerButton() {
  const [opened, { open, close }] = useDisclosure(false);
  const create = useCreatePartner();
  const gate = useCapacityGate();
  const navigate = useNavigate();

  return (
    <>
      <Button onClick={open}>New partner</Button>
      <Modal opened={opened} onClose={close} title="New partner" size="xl">
        <PartnerForm
          submitLabel="Create partner"
          pending={create.isPending}
          error={isProblem(create.error, "capacity_reached") ? null : create.error}
          onSubmit={(input, form) => {
            const done = (partner: { id: string; name: string }) => {
              notifications.show({ color: "teal", message: `${partner.name} was created.` });
              close();
              navigate(`/partners/${partner.id}`);
            };
            create.mutate(input, {
              onSuccess: done,
              onError: (error) => {
                if (gate.intercept(error, (overrideReason) => create.mutateAsync({ ...input, overrideReason }).then(done))) return;
                form.setApiErrors(error);
              },
            });
          }}
        />
      </Modal>
      {gate.modal}
    </>
  );
}
