import { ApiProperty } from '@nestjs/swagger';
import { Role } from 'src/common/auth/principal';
import { ListMetaDto } from 'src/common/http/list-query';
import { UserResponseDto } from 'src/users/dto/user-response.dto';

/** A user of the parent company, with the linked companies they hold grants for. */
export class TeamMemberResponseDto extends UserResponseDto {
  @ApiProperty({
    type: String,
    format: 'uuid',
    isArray: true,
    description: 'Linked companies this user holds a grant for',
  })
  managed_company_ids!: string[];
}

export class TeamMemberListResponseDto {
  @ApiProperty({ type: TeamMemberResponseDto, isArray: true }) data!: TeamMemberResponseDto[];
  @ApiProperty({ type: ListMetaDto }) meta!: ListMetaDto;
}

/** A manager or administrator of the parent, and whether they may manage this company. */
export class TeamMemberAccessResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() first_name!: string;
  @ApiProperty() last_name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: [Role.Administrator, Role.Manager] }) role!: Role;
  @ApiProperty({ description: 'Holds a grant for the acting company' }) has_access!: boolean;
}

export class TeamMemberAccessListResponseDto {
  @ApiProperty({ type: TeamMemberAccessResponseDto, isArray: true })
  data!: TeamMemberAccessResponseDto[];
  @ApiProperty({ type: ListMetaDto }) meta!: ListMetaDto;
}
